import type { ReplyCheck } from '../../contract/exchange';
import { resolvePointer } from '../mocks/runtime/json-pointer';
import type { JsonObject } from '../vapi-event';
import { check } from './check-codes';
import { isObject } from './json-kind';

/** Vapi ends the call when the assistant-request reply takes longer than this, end to end. */
export const ASSISTANT_REQUEST_LIMIT_MS = 7_500;

/** Past this, an assistant-request reply leaves too little room for the tunnel and the network. */
export const ASSISTANT_REQUEST_WARNING_MS = 6_000;

/** Vapi's `server.timeoutSeconds` when the request does not say otherwise. */
export const DEFAULT_SERVER_TIMEOUT_MS = 20_000;

function secondsAt(document: unknown, pointer: string): number | null {
  const value = resolvePointer(document, pointer);
  return typeof value === 'number' && value > 0 ? value : null;
}

/** The longest `server.timeoutSeconds` among the tools called, from `toolWithToolCallList`. */
function toolTimeoutSeconds(message: JsonObject): number | null {
  const list = Array.isArray(message.toolWithToolCallList) ? message.toolWithToolCallList : [];
  const seconds = list.map((item) => (isObject(item) ? secondsAt(item, '/server/timeoutSeconds') : null)).filter((value): value is number => value !== null);
  return seconds.length === 0 ? null : Math.max(...seconds);
}

/**
 * How long Vapi waits for this reply. Vapi sends the server's `timeoutSeconds` inside the request
 * (on the tool, the assistant or the phone number); without it the default is 20 s.
 */
export function deadlineFor(type: string, message: JsonObject): { limitMs: number; source: string } {
  if (type === 'assistant-request') {
    return { limitMs: ASSISTANT_REQUEST_LIMIT_MS, source: 'fixed for assistant-request' };
  }

  const sources: [number | null, string][] = [
    [type === 'tool-calls' ? toolTimeoutSeconds(message) : null, "the tool's server.timeoutSeconds"],
    [secondsAt(message, '/assistant/server/timeoutSeconds'), "the assistant's server.timeoutSeconds"],
    [secondsAt(message, '/phoneNumber/server/timeoutSeconds'), "the phone number's server.timeoutSeconds"],
  ];
  const found = sources.find(([seconds]) => seconds !== null);
  return found === undefined ? { limitMs: DEFAULT_SERVER_TIMEOUT_MS, source: 'the default server timeout' } : { limitMs: (found[0] as number) * 1000, source: found[1] };
}

/** Flags a reply slower than Vapi waits for, and an assistant-request reply close to its limit. */
export function checkDeadline(type: string, message: JsonObject, durationMs: number): ReplyCheck[] {
  const { limitMs, source } = deadlineFor(type, message);
  const ms = Math.round(durationMs);

  if (durationMs > limitMs) {
    return [check('reply_too_slow', { ms, limitMs, type, source })];
  }

  if (type === 'assistant-request' && durationMs > ASSISTANT_REQUEST_WARNING_MS) {
    return [check('reply_slow', { ms, limitMs })];
  }

  return [];
}
