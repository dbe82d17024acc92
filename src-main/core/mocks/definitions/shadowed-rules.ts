import type { MockCondition, MockMatch, MockRule } from '../../../contract/mocks';
import { jsonEquals } from '../runtime/json-pointer';

const SIMPLE_FIELDS = ['tool', 'phoneNumber', 'customerNumber', 'assistant', 'path'] as const;

function conditionsOf(match: MockMatch): MockCondition[] {
  return match.when === undefined ? [] : Array.isArray(match.when) ? match.when : [match.when];
}

function sameCondition(a: MockCondition, b: MockCondition): boolean {
  return a.pointer === b.pointer && a.exists === b.exists && jsonEquals(a.equals, b.equals) && jsonEquals(a.contains, b.contains) && 'equals' in a === 'equals' in b;
}

/**
 * True when every request (or tool call) that `later` matches is matched by `earlier` too: same
 * type, and each condition of `earlier` is also in `later` with the same value. Path patterns are
 * compared as text, so `/vapi/*` is not seen to cover `/vapi/webhook`.
 */
export function coversMatch(earlier: MockMatch, later: MockMatch): boolean {
  if (earlier.type !== later.type) {
    return false;
  }

  if (SIMPLE_FIELDS.some((field) => earlier[field] !== undefined && earlier[field] !== later[field])) {
    return false;
  }

  const laterConditions = conditionsOf(later);
  return conditionsOf(earlier).every((condition) => laterConditions.some((other) => sameCondition(condition, other)));
}

/**
 * For each rule, the 1-based number of the first earlier switched-on rule whose match covers it,
 * or null. The first matching rule answers whatever its mode, so a covered rule never answers.
 */
export function findShadowingRules(rules: readonly MockRule[]): (number | null)[] {
  return rules.map((rule, index) => {
    const earlier = rules.slice(0, index).findIndex((candidate) => candidate.mode !== 'off' && coversMatch(candidate.match, rule.match));
    return earlier === -1 ? null : earlier + 1;
  });
}
