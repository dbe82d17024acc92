import type { VapiFields } from '../contract/exchange';

export const EMPTY_VAPI_FIELDS: VapiFields = {
  type: null,
  callId: null,
  toolNames: [],
  toolCallIds: [],
  customerNumber: null,
  phoneNumber: null,
  assistantId: null,
  assistantName: null,
};

export type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Parses a body as JSON, returning undefined for anything that is not a JSON object. */
export function parseJsonObject(body: Uint8Array): JsonObject | undefined {
  if (body.length === 0) {
    return undefined;
  }

  try {
    const parsed: unknown = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Returns `message` of a Vapi envelope, or undefined when the body is not one. */
export function vapiMessage(body: JsonObject | undefined): JsonObject | undefined {
  return isObject(body?.message) ? body.message : undefined;
}

/**
 * The tool calls of a `tool-calls` message as `{id, name, arguments}`. Reads `toolCallList`, then
 * the older mirror `toolCalls`; accepts both nested `function: {name, arguments}` items and the
 * flattened `{id, name, arguments | parameters}` form. `arguments` may be a JSON string or an object.
 */
export function toolCallsOf(message: JsonObject): { id: string | null; name: string | null; arguments: unknown }[] {
  const list = Array.isArray(message.toolCallList) ? message.toolCallList : Array.isArray(message.toolCalls) ? message.toolCalls : [];
  const calls: { id: string | null; name: string | null; arguments: unknown }[] = [];

  for (const item of list) {
    if (!isObject(item)) {
      continue;
    }

    const fn = isObject(item.function) ? item.function : undefined;
    const rawArguments = fn?.arguments ?? item.arguments ?? item.parameters;
    calls.push({
      id: stringOrNull(item.id),
      name: stringOrNull(fn?.name) ?? stringOrNull(item.name),
      arguments: parseArguments(rawArguments),
    });
  }

  return calls;
}

function parseArguments(raw: unknown): unknown {
  if (typeof raw !== 'string') {
    return raw ?? {};
  }

  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * Normalises `message.type`. Vapi may send a final-only transcript subscription as the literal
 * `transcript[transcriptType="final"]`; it is still a `transcript` event.
 */
export function normaliseEventType(type: string): string {
  return type.startsWith('transcript[') ? 'transcript' : type;
}

/** Parses a request body and returns its Vapi `message`, or undefined when it is not a Vapi envelope. */
export function parseVapiMessage(body: Uint8Array): JsonObject | undefined {
  return vapiMessage(parseJsonObject(body));
}

/** Reads the fields Switchboard indexes from a parsed Vapi message. */
export function vapiFieldsOf(message: JsonObject | undefined): VapiFields {
  if (message === undefined) {
    return EMPTY_VAPI_FIELDS;
  }

  const call = isObject(message.call) ? message.call : undefined;
  const customer = isObject(message.customer) ? message.customer : isObject(call?.customer) ? call.customer : undefined;
  const phoneNumber = isObject(message.phoneNumber) ? message.phoneNumber : undefined;
  const assistant = isObject(message.assistant) ? message.assistant : undefined;
  const type = stringOrNull(message.type);
  const toolCalls = type === 'tool-calls' ? toolCallsOf(message) : [];

  return {
    type: type === null ? null : normaliseEventType(type),
    callId: stringOrNull(call?.id),
    toolNames: toolCalls.map((toolCall) => toolCall.name).filter((name): name is string => name !== null),
    toolCallIds: toolCalls.map((toolCall) => toolCall.id).filter((id): id is string => id !== null),
    customerNumber: stringOrNull(customer?.number),
    phoneNumber: stringOrNull(phoneNumber?.number),
    assistantId: stringOrNull(assistant?.id) ?? stringOrNull(call?.assistantId),
    assistantName: stringOrNull(assistant?.name),
  };
}
