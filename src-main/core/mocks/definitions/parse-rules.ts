import type { z } from 'zod';
import type { MockAnswer, MockRule, MockRuleProblem } from '../../../contract/mocks';
import { SwitchboardError } from '../../errors';
import { ruleFileSchema, ruleSchema } from './rule-schema';

/** Fields a rule may carry, for "did you mean" hints on misspelt keys. */
const KNOWN_KEYS = ['rules', 'name', 'match', 'mode', 'result', 'error', 'message', 'response', 'delayMs', 'sequence', 'sequenceEnd', 'type', 'tool', 'phoneNumber', 'customerNumber', 'assistant', 'path', 'when', 'pointer', 'equals', 'contains', 'exists', 'status', 'headers', 'body'];

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
  const parsed = ruleSchema.safeParse(input);

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

  const file = ruleFileSchema.safeParse(json);

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
  const which = problem.index === null ? (problem.ruleName === null ? 'file' : `rule "${problem.ruleName}"`) : `rule ${problem.index}${problem.ruleName === null ? '' : ` ("${problem.ruleName}")`}`;
  return `${which}, field ${problem.field === '' ? '(top level)' : problem.field}: ${problem.message}`;
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

  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return { index, ruleName, field, message: `missing; ${MISSING_HINTS[field] ?? `add it (${issue.expected})`}` };
  }

  return { index, ruleName, field, message: issue.message };
}

function closestKey(key: string): string | null {
  const lower = key.toLowerCase();
  const exact = KNOWN_KEYS.find((known) => known.toLowerCase() === lower);

  if (exact !== undefined) {
    return exact;
  }

  const near = KNOWN_KEYS.map((known) => ({ known, distance: editDistance(lower, known.toLowerCase()) })).sort((a, b) => a.distance - b.distance)[0];
  return near !== undefined && near.distance <= 2 ? near.known : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_value, index) => index);

  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];

    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }

    previous = current;
  }

  return previous[b.length] as number;
}

/** Rules the schema cannot express: which answer fields fit the event type, and that there is exactly one answer. */
function answerProblems(rule: MockRule): { field: string; message: string }[] {
  const isToolCalls = rule.match.type === 'tool-calls';
  const problems: { field: string; message: string }[] = [];

  if (rule.match.tool !== undefined && !isToolCalls) {
    problems.push({ field: 'match.tool', message: 'only tool-calls requests have tools; remove "tool" or set match.type to "tool-calls"' });
  }

  const hasSingle = rule.result !== undefined || rule.error !== undefined || rule.response !== undefined || rule.message !== undefined;

  if (rule.sequence !== undefined && hasSingle) {
    problems.push({ field: 'sequence', message: 'give either "sequence" or a single answer ("result", "error" or "response"), not both' });
  }

  if (rule.sequence === undefined && !hasSingle) {
    const example = isToolCalls ? '"result": "text for the model"' : '"response": {"status": 200, "body": {...}}';
    problems.push({ field: isToolCalls ? 'result' : 'response', message: `missing; the rule needs an answer, such as ${example}, or a "sequence" of answers` });
    return problems;
  }

  if (rule.sequenceEnd !== undefined && rule.sequence === undefined) {
    problems.push({ field: 'sequenceEnd', message: 'only applies with "sequence"; remove it or add a sequence' });
  }

  const answers: [string, MockAnswer][] = rule.sequence === undefined ? [['', rule]] : rule.sequence.map((answer, at) => [`sequence.${at}.`, answer]);
  const kinds = new Set<string>();

  for (const [prefix, answer] of answers) {
    problems.push(...answerShapeProblems(answer, isToolCalls).map((problem) => ({ ...problem, field: `${prefix}${problem.field}` })));
    kinds.add(answer.response === undefined ? 'tool' : 'response');
  }

  if (rule.sequence !== undefined && kinds.size > 1) {
    problems.push({ field: 'sequence', message: 'mixes whole responses with tool results; use one kind of answer for the whole sequence' });
  }

  return problems;
}

function answerShapeProblems(answer: MockAnswer, isToolCalls: boolean): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const toolFields = (['result', 'error', 'message'] as const).filter((key) => answer[key] !== undefined);

  if (!isToolCalls && toolFields.length > 0) {
    for (const key of toolFields) {
      problems.push({ field: key, message: `only tool-calls rules have "${key}"; answer other events with "response": {"body": ...}` });
    }

    return problems;
  }

  if (answer.response !== undefined && toolFields.length > 0) {
    problems.push({ field: 'response', message: `give either "response" (the whole reply) or "${toolFields[0] as string}" (one tool's entry), not both` });
  }

  if (answer.result !== undefined && answer.error !== undefined) {
    problems.push({ field: 'error', message: 'a tool result has "result" or "error", not both; remove one' });
  }

  if (isToolCalls && answer.response === undefined && answer.result === undefined && answer.error === undefined) {
    problems.push({ field: 'result', message: 'missing; add "result" (or "error") with the text the model receives' });
  }

  return problems;
}
