import type { JsonObject } from '../../vapi-event';
import { resolvePointer } from './json-pointer';

/** One tool call of a `tool-calls` request, with its arguments parsed. */
export interface ToolCall {
  id: string | null;
  name: string | null;
  arguments: unknown;
}

/** What a template can read: the whole request body, its `message`, and the tool call being answered. */
export interface TemplateScope {
  body: JsonObject | undefined;
  message: JsonObject | undefined;
  toolCall?: ToolCall;
}

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([^{}]+?)\s*\}\}$/;

/**
 * Looks up one placeholder. `/a/b` is a JSON pointer into the request body; `arguments.x`,
 * `toolCall.id`, `toolCall.name` read the tool call being answered; `call.id`, `customer.number`,
 * `phoneNumber.number`, `assistant.name` and any other dotted path read `message`. The customer
 * falls back to `message.call.customer`, as Vapi puts it there on some events.
 */
export function lookup(expression: string, scope: TemplateScope): unknown {
  if (expression.startsWith('/')) {
    return resolvePointer(scope.body, expression);
  }

  const [head, ...rest] = expression.split('.');
  let root: unknown;

  if (head === 'arguments') {
    root = scope.toolCall?.arguments;
  } else if (head === 'toolCall') {
    root = scope.toolCall;
  } else if (head === 'message') {
    root = scope.message;
  } else if (head === 'customer') {
    root = scope.message?.customer ?? resolvePointer(scope.message, '/call/customer');
  } else {
    return dottedPath(scope.message, expression.split('.'));
  }

  return dottedPath(root, rest);
}

function dottedPath(root: unknown, keys: string[]): unknown {
  let current = root;

  for (const key of keys) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) {
      return undefined;
    }

    current = (current as Record<string, unknown>)[key];
  }

  return current;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }

  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Replaces every `{{...}}` in a string; values that are not strings are written as JSON, missing ones as ''. */
export function renderText(template: string, scope: TemplateScope): string {
  return template.replace(PLACEHOLDER, (_whole, expression: string) => asText(lookup(expression, scope)));
}

/**
 * Renders every string inside a JSON value. A string that is exactly one placeholder takes the
 * value's own JSON type, so `"{{arguments.partySize}}"` becomes the number 4; a missing value becomes null.
 */
export function renderJson(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_PLACEHOLDER.exec(value);
    return whole === null ? renderText(value, scope) : (lookup(whole[1] as string, scope) ?? null);
  }

  if (Array.isArray(value)) {
    return value.map((item) => renderJson(item, scope));
  }

  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderJson(item, scope)]));
  }

  return value;
}
