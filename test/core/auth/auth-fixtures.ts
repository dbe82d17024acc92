import type { HeaderPair } from '../../../src-main/contract/exchange';
import type { AuthRequest } from '../../../src-main/core/auth/check-types';

/** Fixed clock for checks: 2026-01-15T17:31:37.300Z. */
export const NOW_MS = 1_768_498_297_300;

/** A body with multi-byte text, JSON escape sequences and a trailing newline, as fixed bytes. */
export const TRICKY_BODY = Buffer.from('{"message":{"type":"transcript","transcript":"Grüße, 東京 \\u00e9 \\"quoted\\" \\\\ tab\\t 🎉"}}\n', 'utf8');

/** A received request with the given headers and body. */
export function requestWith(headers: HeaderPair[], body: Uint8Array = TRICKY_BODY, rawUrl = '/vapi/webhook'): AuthRequest {
  return { method: 'POST', rawUrl, headers: [['Host', 'example-dev.ngrok.app'], ['Content-Type', 'application/json'], ...headers], body, receivedAt: NOW_MS };
}
