import type { HeaderPair } from '../../../src-main/contract/exchange';
import { secretPlaceholder } from './secret-headers';

/** Headers curl sets by itself or that describe the original connection. */
const SKIPPED = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive', 'expect']);

/** Quotes a value for a POSIX shell. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Builds a curl command that sends the same request to `url`. Text bodies go inline; binary bodies
 * are piped in from base64 so every byte stays exact. The values of credential headers become
 * shell variables such as `$VAPI_SECRET`, except for the header indexes in `revealed`.
 */
export function curlCommand(
  url: string,
  method: string,
  headers: readonly HeaderPair[],
  bodyText: string | null,
  bodyBase64: string,
  revealed: ReadonlySet<number> = new Set(),
): string {
  const parts = ['curl', shellQuote(url)];

  if (method !== 'GET') parts.push('-X', method);

  headers.forEach(([name, value], index) => {
    if (SKIPPED.has(name.toLowerCase())) return;
    const placeholder = revealed.has(index) ? null : secretPlaceholder(name);
    // Double quotes so the shell expands the variable; credential header names hold no quote or `$`.
    parts.push('-H', placeholder === null ? shellQuote(`${name}: ${value}`) : `"${name}: ${placeholder}"`);
  });

  if (bodyBase64 === '') return parts.join(' ');

  if (bodyText !== null) {
    parts.push('--data-raw', shellQuote(bodyText));
    return parts.join(' ');
  }

  return `printf %s ${shellQuote(bodyBase64)} | base64 -d | ${parts.join(' ')} --data-binary @-`;
}
