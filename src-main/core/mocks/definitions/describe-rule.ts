import type { MockCondition, MockRule } from '../../../contract/mocks';

function describeCondition(condition: MockCondition): string {
  const where = condition.pointer === '' ? 'the body' : condition.pointer;

  if (condition.exists !== undefined) {
    return condition.exists ? `${where} is present` : `${where} is absent`;
  }

  if ('equals' in condition) {
    return `${where} equals ${JSON.stringify(condition.equals)}`;
  }

  return `${where} contains ${JSON.stringify(condition.contains)}`;
}

/** The rule's match in words, such as `tool-calls for tool "check_availability" from +15555550123`. */
export function describeMatch(rule: MockRule): string {
  const { match } = rule;
  const parts = [match.type];

  if (match.tool !== undefined) parts.push(`for tool "${match.tool}"`);
  if (match.customerNumber !== undefined) parts.push(`with customer ${match.customerNumber}`);
  if (match.phoneNumber !== undefined) parts.push(`on number ${match.phoneNumber}`);
  if (match.assistant !== undefined) parts.push(`for assistant "${match.assistant}"`);
  if (match.path !== undefined) parts.push(`at path ${match.path}`);

  const conditions = match.when === undefined ? [] : Array.isArray(match.when) ? match.when : [match.when];

  if (conditions.length > 0) {
    parts.push(`when ${conditions.map(describeCondition).join(' and ')}`);
  }

  return parts.join(' ');
}

/** The mode and answer in words, such as `always answers (3 answers in turn)`. */
export function describeAnswer(rule: MockRule): string {
  const mode = rule.mode === 'always' ? 'always answers' : rule.mode === 'fallback' ? 'answers when the target fails' : 'off';
  const delay = rule.delayMs === undefined || rule.delayMs === 0 ? '' : ` after ${rule.delayMs} ms`;
  const sequence = rule.sequence === undefined ? '' : ` (${rule.sequence.length} answers in turn)`;
  return `${mode}${delay}${sequence}`;
}
