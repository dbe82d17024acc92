import type { z } from 'zod';
import type { MockRule, MockRuleProblem } from '../../../contract/mocks';
import { SwitchboardError } from '../../errors';
import { answerProblems } from './answer-problems';
import { closestKey } from './key-hints';
import { ruleFileSchema, ruleSchema } from './rule-schema';

/** What to write for a required field that is missing, by its dotted path within a rule or file. */
const MISSING_HINTS: Record<string, string> = {
  rules: 'the file needs a "rules" array, such as {"rules": [ ... ]}',
  name: 'add "name": "a unique name"; it is recorded with every exchange the rule answers',
  match: 'add "match": {"type": "tool-calls"} with the message.type to answer',
  'match.type': 'add "type" with the message.type to answer, such as "tool-calls" or "assistant-request"',
  mode: 'add "mode": "always", "fallback" or "off"',
};

/**
 * Validates one rule. Returns the rule, or the problems found, each naming the field and the fix.
 * `index` is the rule's place in its file, used in the messages.
 */
export function checkRule(input: unknown, index: number | null): { rule: MockRule; problems: [] } | { rule: null; problems: MockRuleProblem[] } {
  const ruleName = typeof input === 'object' && input !== null && typeof (input as { name?: unknown }).name === 'string' ? (input as { name: string }).name : null;
  const parsed = ruleSchema.safeParse(input, { reportInput: true });

  if (!parsed.success) {
    return { rule: null, problems: parsed.error.issues.map((issue) => problemFromIssue(issue, index, ruleName)) };
  }

  const rule = parsed.data as MockRule;
  const problems = answerProblems(rule).map((problem) => ({ index, ruleName: rule.name, ...problem }));
  return problems.length === 0 ? { rule, problems: [] } : { rule: null, problems };
}

/** Validates one rule and throws `invalid_mock_rule` listing every problem. */
export function parseRule(input: unknown): MockRule {
  const checked = checkRule(input, null);

  if (checked.rule === null) {
    throw invalidRules(checked.problems);
  }

  return checked.rule;
}

/** Parses the text of a rule file (`{"rules": [...]}`) and throws `invalid_mock_rule` listing every problem. */
export function parseRuleFile(text: string, source: string): MockRule[] {
  let json: unknown;

  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SwitchboardError('invalid_mock_rule', `${source} is not valid JSON: ${(error as Error).message}. Fix the syntax; a rule file looks like {"rules": [ ... ]}.`);
  }

  const file = ruleFileSchema.safeParse(json, { reportInput: true });

  if (!file.success) {
    throw invalidRules(file.error.issues.map((issue) => problemFromIssue(issue, null, null)), source);
  }

  const rules: MockRule[] = [];
  const problems: MockRuleProblem[] = [];
  const firstIndexByName = new Map<string, number>();

  file.data.rules.forEach((input, index) => {
    const checked = checkRule(input, index);
    problems.push(...checked.problems);

    if (checked.rule === null) {
      return;
    }

    const earlier = firstIndexByName.get(checked.rule.name);

    if (earlier !== undefined) {
      problems.push({ index, ruleName: checked.rule.name, field: 'name', message: `rule ${earlier} already has this name; give each rule its own name` });
      return;
    }

    firstIndexByName.set(checked.rule.name, index);
    rules.push(checked.rule);
  });

  if (problems.length > 0) {
    throw invalidRules(problems, source);
  }

  return rules;
}

/** One error that lists every problem, one per line, and carries them in `details.problems`. */
export function invalidRules(problems: MockRuleProblem[], source?: string): SwitchboardError {
  const lines = problems.map(describeProblem);
  const intro = source === undefined ? 'Invalid mock rule' : `Invalid mock rules in ${source}`;
  return new SwitchboardError('invalid_mock_rule', `${intro}:\n${lines.map((line) => `  - ${line}`).join('\n')}`, { problems });
}

export function describeProblem(problem: MockRuleProblem): string {
  return `${problemPlace(problem)}, field ${problem.field === '' ? '(top level)' : problem.field}: ${problem.message}`;
}

/** Names where a problem sits: the file, a rule by name, or a rule by index with its name when it has one. */
function problemPlace(problem: MockRuleProblem): string {
  if (problem.index !== null) {
    return problem.ruleName === null ? `rule ${problem.index}` : `rule ${problem.index} ("${problem.ruleName}")`;
  }

  return problem.ruleName === null ? 'file' : `rule "${problem.ruleName}"`;
}

function problemFromIssue(issue: z.core.$ZodIssue, index: number | null, ruleName: string | null): MockRuleProblem {
  const field = issue.path.map(String).join('.');

  if (issue.code === 'unrecognized_keys') {
    const hints = issue.keys.map((key) => {
      const guess = closestKey(key);
      return guess === null ? `"${key}"` : `"${key}" (did you mean "${guess}"?)`;
    });
    return { index, ruleName, field, message: `unknown field ${hints.join(', ')}; remove it or fix its spelling` };
  }

  // The parses pass `reportInput`, so a present value of the wrong type is distinguished from a missing one.
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return { index, ruleName, field, message: `missing; ${MISSING_HINTS[field] ?? `add it (${issue.expected})`}` };
  }

  if (issue.code === 'invalid_type') {
    return { index, ruleName, field, message: `must be ${issue.expected}, not ${jsonKind(issue.input)}` };
  }

  return { index, ruleName, field, message: issue.message };
}

/** Names the JSON kind of a value for messages, such as "number" or "array". */
function jsonKind(value: unknown): string {
  if (value === null) {
    return 'null';
  }

  return Array.isArray(value) ? 'array' : typeof value;
}
