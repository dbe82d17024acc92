import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuthConfig } from '../../../src-main/contract/auth';
import { NO_AUTH_SETTINGS } from '../../../src-main/core/auth/auth-schema';
import { mergeAuthSettings } from '../../../src-main/core/auth/auth-settings';
import { signRequest } from '../../../src-main/core/auth/sign';
import { verifyAuth } from '../../../src-main/core/auth/verify';
import { NOW_MS, TRICKY_BODY } from './auth-fixtures';

function config(input: Record<string, unknown>): AuthConfig {
  return mergeAuthSettings(NO_AUTH_SETTINGS, { default: input }).default;
}

describe('signRequest', () => {
  it('signs the exact bytes with a fresh timestamp', () => {
    const signed = signRequest(config({ scheme: 'hmac', secretKey: 'k' }), { method: 'POST', url: 'http://127.0.0.1:3000/hook', body: TRICKY_BODY }, { nowMs: NOW_MS });
    const expected = createHmac('sha256', 'k').update(`${NOW_MS}.`).update(TRICKY_BODY).digest('hex');
    expect(signed?.headers).toEqual([
      ['x-signature', expected],
      ['x-timestamp', String(NOW_MS)],
    ]);
    expect(signed?.signature).toBe('hmac-sha256');
  });

  it('writes seconds when asked', () => {
    const signed = signRequest(config({ scheme: 'hmac', secretKey: 'k' }), { method: 'POST', url: 'http://127.0.0.1/', body: TRICKY_BODY }, { nowMs: NOW_MS, timestampUnit: 's' });
    expect(signed?.headers[1]).toEqual(['x-timestamp', String(Math.floor(NOW_MS / 1000))]);
  });

  it('replaces stale authentication headers', () => {
    const headers: [string, string][] = [['X-Signature', 'old'], ['X-Timestamp', '1'], ['X-Other', 'kept']];
    const signed = signRequest(config({ scheme: 'hmac', secretKey: 'k' }), { method: 'POST', url: 'http://127.0.0.1/', body: TRICKY_BODY, headers }, { nowMs: NOW_MS });
    expect(signed?.headers.map(([name]) => name)).toEqual(['X-Other', 'x-signature', 'x-timestamp']);
  });

  it('round-trips through verification for every scheme', () => {
    const configs = [
      config({ scheme: 'secret', secret: 's3cret' }),
      config({ scheme: 'bearer', token: 'tok', headerName: 'X-Api-Key', bearerPrefixEnabled: false }),
      config({ scheme: 'hmac', secretKey: 'k', algorithm: 'sha512', signatureEncoding: 'base64', signaturePrefix: 'v1=' }),
      config({ scheme: 'hmac', secretKey: 'k', payloadFormat: '{svix-id}.{method}.{url}.{timestamp}.{body}', messageIdHeader: 'webhook-id', publicUrl: 'https://a.example/hook' }),
    ];

    for (const auth of configs) {
      const signed = signRequest(auth, { method: 'POST', url: 'http://127.0.0.1:3000/hook', body: TRICKY_BODY });
      const check = verifyAuth(
        { ...NO_AUTH_SETTINGS, default: auth },
        { method: 'POST', rawUrl: '/hook', headers: signed?.headers ?? [], body: TRICKY_BODY, receivedAt: Date.now() },
      );
      expect(check.state, JSON.stringify(signed?.signature)).toBe('valid');
    }
  });

  it('returns null without a scheme', () => {
    expect(signRequest({ scheme: 'none' }, { method: 'POST', url: 'http://127.0.0.1/', body: TRICKY_BODY })).toBeNull();
  });
});
