import type { MockAnswer, MockRule } from '../../../contract/mocks';

/** Rules the schema cannot express: which answer fields fit the event type, and that there is exactly one answer. */
export function answerProblems(rule: MockRule): { field: string; message: string }[] {
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
