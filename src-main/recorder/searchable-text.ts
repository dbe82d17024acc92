import { isUtf8 } from 'node:buffer';

/**
 * Builds the text the search index keeps for one exchange: the request and response bodies that
 * are valid UTF-8, joined by a newline. Binary bodies are left out.
 */
export function searchableText(requestBody: Uint8Array, responseBody: Uint8Array | null): string {
  const parts: string[] = [];

  for (const body of [requestBody, responseBody]) {
    if (body !== null && body.byteLength > 0 && isUtf8(body)) {
      parts.push(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
    }
  }

  return parts.join('\n');
}
