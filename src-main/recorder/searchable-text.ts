import { isUtf8 } from 'node:buffer';

/**
 * Builds the text the search index keeps for one exchange from its request and response bodies.
 * A JSON body contributes each distinct object key and string value once, in document order.
 * Vapi repeats the transcript and the tool calls in several places of one event, and tokenizing
 * every copy took a third of the recording thread's time. Other UTF-8 bodies are kept whole, and
 * binary bodies are left out. `parsedRequest` is the request body already parsed, when the caller
 * has it, so it is not parsed twice.
 */
export function searchableText(requestBody: Uint8Array, responseBody: Uint8Array | null, parsedRequest?: unknown): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  const add = (text: string): void => {
    if (text !== '' && !seen.has(text)) {
      seen.add(text);
      parts.push(text);
    }
  };

  if (parsedRequest !== undefined) {
    collectText(parsedRequest, add);
  } else {
    addBody(requestBody, add);
  }

  if (responseBody !== null) {
    addBody(responseBody, add);
  }

  return parts.join('\n');
}

function addBody(body: Uint8Array, add: (text: string) => void): void {
  if (body.byteLength === 0 || !isUtf8(body)) {
    return;
  }

  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  let parsed: unknown;

  try {
    parsed = JSON.parse(text);
  } catch {
    add(text);
    return;
  }

  collectText(parsed, add);
}

/** Passes every object key and string value of a parsed JSON value to `add`, depth first. */
function collectText(root: unknown, add: (text: string) => void): void {
  // An explicit stack, because a body may nest deeper than the call stack allows.
  const stack: unknown[] = [root];

  while (stack.length > 0) {
    const value = stack.pop();

    if (typeof value === 'string') {
      add(value);
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) {
        stack.push(value[index]);
      }
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);

      for (let index = keys.length - 1; index >= 0; index -= 1) {
        const key = keys[index] as string;
        stack.push((value as Record<string, unknown>)[key], key);
      }
    }
  }
}
