import type { HeaderPair } from '../contract/exchange';

/** Headers whose values are credentials in Vapi traffic: shared secrets, bearer tokens and signatures. */
const SECRET_HEADERS = new Set(['x-vapi-secret', 'x-vapi-signature', 'authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * JSON keys whose string values are credentials in Vapi payloads: a phone number's provider
 * tokens and a tool's or assistant's server secret.
 */
const SECRET_KEYS = ['twilioAuthToken', 'vonageApiSecret', 'secret', 'serverUrlSecret', 'authToken', 'apiKey', 'apiSecret', 'password'];

const SECRET_VALUE = new RegExp(`("(?:${SECRET_KEYS.join('|')})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'g');

/** Returns the text that replaces a hidden value, with its length so a wrong value can still be spotted. */
export function maskedValue(value: string): string {
  return `[redacted, ${value.length} characters]`;
}

/** Returns the headers with credential values masked; names, order and repeats stay as they are. */
export function redactHeaders(headers: readonly HeaderPair[]): HeaderPair[] {
  return headers.map(([name, value]) => (SECRET_HEADERS.has(name.toLowerCase()) ? [name, maskedValue(value)] : [name, value]));
}

/**
 * Masks credential values in JSON text without parsing it, so every other byte, number literals
 * included, stays as received.
 */
export function redactJsonText(text: string): string {
  return text.replace(SECRET_VALUE, (_match, prefix: string) => `${prefix}"[redacted]"`);
}
