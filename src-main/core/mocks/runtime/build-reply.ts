import type { HeaderPair } from '../../../contract/exchange';
import type { MockAnswer } from '../../../contract/mocks';
import type { JsonObject } from '../../vapi-event';
import { renderJson, renderText, type TemplateScope, type ToolCall } from './template';

/** A reply Switchboard sends itself, with the exact bytes and headers. */
export interface MockReply {
  status: number;
  headers: HeaderPair[];
  body: Buffer;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Headers that describe the bytes on the wire; Switchboard sets them itself. */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

/** Builds a reply with `Content-Length` as the UTF-8 byte count of the body. */
export function replyWith(status: number, userHeaders: Record<string, string>, body: Buffer, defaultType: string | null): MockReply {
  const headers: HeaderPair[] = Object.entries(userHeaders).filter(([name]) => !FRAMING_HEADERS.has(name.toLowerCase()));

  if (defaultType !== null && !headers.some(([name]) => name.toLowerCase() === 'content-type')) {
    headers.unshift(['Content-Type', defaultType]);
  }

  headers.push(['Content-Length', String(body.byteLength)]);
  return { status, headers, body };
}

/** Renders a whole-reply answer. A string body is sent as text; any other JSON value as JSON. */
export function wholeReply(answer: MockAnswer, scope: TemplateScope): MockReply {
  const response = answer.response ?? {};
  const status = response.status ?? 200;

  if (response.body === undefined) {
    return replyWith(status, response.headers ?? {}, Buffer.alloc(0), null);
  }

  if (typeof response.body === 'string') {
    return replyWith(status, response.headers ?? {}, Buffer.from(renderText(response.body, scope), 'utf8'), 'text/plain; charset=utf-8');
  }

  return replyWith(status, response.headers ?? {}, Buffer.from(JSON.stringify(renderJson(response.body, scope)), 'utf8'), JSON_TYPE);
}

/** One entry of a `tool-calls` reply: the call's exact id and name, then the rendered result or error. */
export function toolResultEntry(answer: MockAnswer, toolCall: ToolCall, scope: TemplateScope): JsonObject {
  const callScope = { ...scope, toolCall };
  const entry: JsonObject = { name: toolCall.name, toolCallId: toolCall.id };

  if (answer.error !== undefined) {
    entry.error = renderText(answer.error, callScope);
  } else {
    entry.result = renderText(answer.result ?? '', callScope);
  }

  if (answer.message !== undefined) {
    entry.message = renderJson(answer.message, callScope);
  }

  return entry;
}

/** Builds the entry for a call that neither a rule nor the target answered, so Vapi reads an error instead of waiting. */
export function failedToolEntry(toolCall: ToolCall, reason: string): JsonObject {
  return { name: toolCall.name, toolCallId: toolCall.id, error: reason };
}

/** The `{"results": [...]}` reply, keeping any other top-level fields the target sent. */
export function envelopeReply(results: JsonObject[], otherFields: JsonObject = {}): MockReply {
  const body = Buffer.from(JSON.stringify({ ...otherFields, results }), 'utf8');
  return replyWith(200, {}, body, JSON_TYPE);
}
