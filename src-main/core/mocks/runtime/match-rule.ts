import type { VapiFields } from '../../../contract/exchange';
import type { MockCondition, MockMatch } from '../../../contract/mocks';
import type { JsonObject } from '../../vapi-event';
import { jsonEquals, resolvePointer } from './json-pointer';
import type { ToolCall } from './template';

/** The parts of a received request that rules match on and templates read. */
export interface MockRequest {
  path: string;
  body: JsonObject | undefined;
  message: JsonObject | undefined;
  fields: VapiFields;
  /** The tool calls of a `tool-calls` request in request order; empty for other events. */
  toolCalls: ToolCall[];
}

/** True when the request satisfies every field of `match` except `tool`, which is matched per tool call. */
export function matchesRequest(match: MockMatch, request: MockRequest): boolean {
  const { fields } = request;

  if (fields.type !== match.type) {
    return false;
  }

  if (match.phoneNumber !== undefined && fields.phoneNumber !== match.phoneNumber) {
    return false;
  }

  if (match.customerNumber !== undefined && fields.customerNumber !== match.customerNumber) {
    return false;
  }

  if (match.assistant !== undefined && fields.assistantId !== match.assistant && fields.assistantName !== match.assistant) {
    return false;
  }

  if (match.path !== undefined && !globPattern(match.path).test(request.path)) {
    return false;
  }

  const conditions = match.when === undefined ? [] : Array.isArray(match.when) ? match.when : [match.when];
  return conditions.every((condition) => holds(condition, request.body));
}

/** True when a rule without `tool` or with this call's function name applies to the call. */
export function matchesTool(match: MockMatch, toolCall: ToolCall): boolean {
  return match.tool === undefined || match.tool === toolCall.name;
}

function holds(condition: MockCondition, body: JsonObject | undefined): boolean {
  const value = resolvePointer(body, condition.pointer);

  if (condition.exists !== undefined) {
    return (value !== undefined) === condition.exists;
  }

  if ('equals' in condition) {
    return jsonEquals(value, condition.equals);
  }

  if (typeof value === 'string') {
    return typeof condition.contains === 'string' && value.includes(condition.contains);
  }

  return Array.isArray(value) && value.some((item) => jsonEquals(item, condition.contains));
}

const patternCache = new Map<string, RegExp>();

/** A path pattern where `*` matches any run of characters and everything else is literal. */
function globPattern(pattern: string): RegExp {
  let compiled = patternCache.get(pattern);

  if (compiled === undefined) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    compiled = new RegExp(`^${source}$`);
    patternCache.set(pattern, compiled);
  }

  return compiled;
}
