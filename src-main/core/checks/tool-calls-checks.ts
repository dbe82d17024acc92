import type { ReplyCheck } from '../../contract/exchange';
import { toolCallsOf, type JsonObject } from '../vapi-event';
import { check } from './check-codes';
import { isObject, kindOf } from './json-kind';

/** Ids of tool calls whose tool is `async: true`; Vapi does not wait for their results. */
function asyncToolCallIds(message: JsonObject): Set<string> {
  const ids = new Set<string>();
  const list = Array.isArray(message.toolWithToolCallList) ? message.toolWithToolCallList : [];

  for (const item of list) {
    if (isObject(item) && item.async === true && isObject(item.toolCall) && typeof item.toolCall.id === 'string') {
      ids.add(item.toolCall.id);
    }
  }

  return ids;
}

/** Checks a `tool-calls` reply: one `results` entry per tool call, each with its id and a single-line string. */
export function checkToolCallsReply(body: unknown, message: JsonObject): ReplyCheck[] {
  const reply = body as Record<string, unknown>;
  const calls = toolCallsOf(message).filter((call) => call.id !== null) as { id: string; name: string | null }[];
  const expected = calls.length === 0 ? 'no tool call ids' : calls.map((call) => `"${call.id}"`).join(', ');

  if (!Array.isArray(reply.results)) {
    // A reply with only a top-level "error" is a valid ServerMessageResponseToolCalls.
    if (reply.results === undefined && typeof reply.error === 'string') {
      return [];
    }

    return [check('tool_results_missing', { found: reply.results === undefined ? 'missing' : `a ${kindOf(reply.results)}, not an array` }, '/results')];
  }

  const checks: ReplyCheck[] = [];
  const answered = new Set<string>();

  reply.results.forEach((entry: unknown, index: number) => {
    const where = `/results/${index}`;

    if (!isObject(entry)) {
      checks.push(check('tool_result_no_id', { index, expected }, where));
      return;
    }

    const id = entry.toolCallId;

    if (typeof id !== 'string' || id === '') {
      checks.push(check('tool_result_no_id', { index, expected }, `${where}/toolCallId`));
    } else if (!calls.some((call) => call.id === id)) {
      checks.push(check('tool_result_unknown_id', { index, got: id, expected }, `${where}/toolCallId`));
    } else if (answered.has(id)) {
      checks.push(check('tool_result_duplicate', { index, id }, `${where}/toolCallId`));
    } else {
      answered.add(id);
    }

    if (typeof entry.name !== 'string' || entry.name === '') {
      const name = calls.find((call) => call.id === id)?.name ?? 'the function name';
      checks.push(check('tool_result_no_name', { index, name }, `${where}/name`));
    }

    checks.push(...valueChecks(entry, index, where));
  });

  const asyncIds = asyncToolCallIds(message);

  for (const call of calls) {
    if (!answered.has(call.id) && !asyncIds.has(call.id)) {
      checks.push(check('tool_call_unanswered', { id: call.id, name: call.name ?? 'unnamed tool' }, '/results'));
    }
  }

  return checks;
}

function valueChecks(entry: Record<string, unknown>, index: number, where: string): ReplyCheck[] {
  const present = (['result', 'error'] as const).filter((field) => entry[field] !== undefined);

  if (present.length === 0) {
    return [check('tool_result_no_value', { index }, where)];
  }

  const checks: ReplyCheck[] = [];

  for (const field of present) {
    const value = entry[field];

    if (typeof value !== 'string') {
      checks.push(check('tool_result_not_string', { index, field, kind: kindOf(value) }, `${where}/${field}`));
    } else if (/[\r\n]/.test(value)) {
      checks.push(check('tool_result_multiline', { index, field }, `${where}/${field}`));
    }
  }

  return checks;
}
