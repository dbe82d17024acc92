import { describe, expect, it } from 'vitest';
import type { SecretAuthConfig } from '../../../src-main/contract/auth';
import { verifySecret } from '../../../src-main/core/auth/verify-secret';
import { requestWith } from './auth-fixtures';

const SECRET = 'synthetic-shared-secret-123';
const config: SecretAuthConfig = { scheme: 'secret', secret: SECRET, headerName: null };

describe('verifySecret', () => {
  it('accepts X-Vapi-Secret', () => {
    const check = verifySecret(config, requestWith([['X-Vapi-Secret', SECRET]]));
    expect(check.state).toBe('valid');
    expect(check.reason).toBeNull();
  });

  it('accepts the older X-Vapi-Signature name', () => {
    expect(verifySecret(config, requestWith([['x-vapi-signature', SECRET]])).state).toBe('valid');
  });

  it('flags a different secret as mismatch', () => {
    const check = verifySecret(config, requestWith([['X-Vapi-Secret', 'synthetic-shared-secret-124']]));
    expect(check.state).toBe('invalid');
    expect(check.reason).toBe('mismatch');
  });

  it('flags extra characters as wrong format', () => {
    for (const value of [`${SECRET} `, `Bearer ${SECRET}`, `\t${SECRET}`]) {
      const check = verifySecret(config, requestWith([['X-Vapi-Secret', value]]));
      expect(check.state).toBe('invalid');
      expect(check.reason).toBe('wrong_secret_format');
    }
  });

  it('reports a missing header', () => {
    const check = verifySecret(config, requestWith([]));
    expect(check.state).toBe('missing');
    expect(check.received).toEqual([
      { name: 'X-Vapi-Secret', value: null },
      { name: 'X-Vapi-Signature', value: null },
    ]);
  });

  it('reports an empty header', () => {
    expect(verifySecret(config, requestWith([['X-Vapi-Secret', '']])).state).toBe('empty');
    expect(verifySecret(config, requestWith([['X-Vapi-Secret', '   ']])).state).toBe('empty');
  });

  it('reads only a configured header name', () => {
    const custom: SecretAuthConfig = { ...config, headerName: 'X-Webhook-Key' };
    expect(verifySecret(custom, requestWith([['x-webhook-key', SECRET]])).state).toBe('valid');
    expect(verifySecret(custom, requestWith([['X-Vapi-Secret', SECRET]])).state).toBe('missing');
  });

  it('never puts the secret in its explanation', () => {
    const check = verifySecret(config, requestWith([['X-Vapi-Secret', 'wrong']]));
    const text = JSON.stringify({ message: check.message, expected: check.expected, fix: check.fix });
    expect(text).not.toContain(SECRET);
  });
});
