import type { ExchangeDetail } from '../../../contract/exchange';
import type { MockAnswer, MockRule } from '../../../contract/mocks';
import { SwitchboardError } from '../../errors';
import { parseJsonObject, parseVapiMessage, toolCallsOf, type JsonObject } from '../../vapi-event';

/** A rule drafted from a recorded exchange, and the tools the user can draft it for instead. */
export interface RuleDraft {
  rule: MockRule;
  /** For `tool-calls`: every tool name in the request, so the editor can offer the others. */
  tools: string[];
}

/** Returns `base`, or `base 2`, `base 3`... so the name is not taken yet. */
export function freeName(base: string, taken: ReadonlySet<string>): string {
  let name = base;

  for (let suffix = 2; taken.has(name); suffix += 1) {
    name = `${base} ${suffix}`;
  }

  return name;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The recorded result of one tool call, read from the recorded `{"results": [...]}` reply. */
function recordedToolAnswer(reply: JsonObject | undefined, toolCallId: string | null): MockAnswer {
  const results = Array.isArray(reply?.results) ? (reply.results as unknown[]) : [];
  const entry = results.find((item) => typeof item === 'object' && item !== null && (item as JsonObject).toolCallId === toolCallId) as JsonObject | undefined;

  if (entry === undefined) {
    return { result: 'Write the result the model should read.' };
  }

  const answer: MockAnswer = entry.error !== undefined && entry.result === undefined ? { error: asText(entry.error) } : { result: asText(entry.result ?? '') };
  return entry.message === undefined ? answer : { ...answer, message: entry.message };
}

function recordedBody(bytes: Uint8Array | null): unknown {
  if (bytes === null || bytes.byteLength === 0) {
    return undefined;
  }

  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Drafts an `always` rule that answers like the recorded reply. For `tool-calls` the draft covers
 * one tool (`tool`, or the first one) and keeps its recorded result, because results are per call.
 */
export function ruleFromExchange(exchange: ExchangeDetail, takenNames: ReadonlySet<string>, tool?: string): RuleDraft {
  if (exchange.type === null) {
    throw new SwitchboardError('invalid_request', `Exchange ${exchange.id} is not a Vapi event (no message.type), so no rule can match it. Pick an exchange with an event type.`);
  }

  if (exchange.type !== 'tool-calls') {
    const body = recordedBody(exchange.responseBody);
    const rule: MockRule = {
      name: freeName(`${exchange.type} from exchange ${exchange.id}`, takenNames),
      match: { type: exchange.type },
      mode: 'always',
      response: { status: exchange.status ?? 200, ...(body === undefined ? {} : { body }) },
    };
    return { rule, tools: [] };
  }

  const calls = toolCallsOf(parseVapiMessage(exchange.requestBody) ?? {});
  const tools = [...new Set(calls.map((call) => call.name).filter((name): name is string => name !== null))];
  const chosen = tool ?? tools[0];

  if (chosen === undefined || !tools.includes(chosen)) {
    const known = tools.length === 0 ? 'it has no named tool calls' : `its tools are ${tools.join(', ')}`;
    throw new SwitchboardError('invalid_request', `Exchange ${exchange.id} has no tool call named "${chosen ?? ''}"; ${known}.`);
  }

  const call = calls.find((candidate) => candidate.name === chosen);
  const answer = recordedToolAnswer(parseJsonObject(exchange.responseBody ?? new Uint8Array()), call?.id ?? null);
  const rule: MockRule = { name: freeName(`${chosen} from exchange ${exchange.id}`, takenNames), match: { type: 'tool-calls', tool: chosen }, mode: 'always', ...answer };
  return { rule, tools };
}
