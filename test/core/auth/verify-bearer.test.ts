import { describe, expect, it } from 'vitest';
import type { BearerAuthConfig } from '../../../src-main/contract/auth';
import { verifyBearer } from '../../../src-main/core/auth/verify-bearer';
import { requestWith } from './auth-fixtures';

const TOKEN = 'synthetic-bearer-token-abc';
const config: BearerAuthConfig = { scheme: 'bearer', token: TOKEN, headerName: 'Authorization', bearerPrefixEnabled: true };

describe('verifyBearer', () => {
  it('accepts Authorization: Bearer <token>', () => {
    expect(verifyBearer(config, requestWith([['Authorization', `Bearer ${TOKEN}`]])).state).toBe('valid');
  });

  it('reads the scheme name in any case', () => {
    expect(verifyBearer(config, requestWith([['authorization', `bearer ${TOKEN}`]])).state).toBe('valid');
  });

  it('flags a different token as mismatch', () => {
    const check = verifyBearer(config, requestWith([['Authorization', 'Bearer synthetic-bearer-token-abd']]));
    expect(check.state).toBe('invalid');
    expect(check.reason).toBe('mismatch');
  });

  it('flags a token without the prefix as wrong format', () => {
    const check = verifyBearer(config, requestWith([['Authorization', TOKEN]]));
    expect(check.state).toBe('invalid');
    expect(check.reason).toBe('wrong_secret_format');
    expect(check.message).toContain('lacks the Bearer prefix');
  });

  it('reports a missing header', () => {
    expect(verifyBearer(config, requestWith([])).state).toBe('missing');
  });

  it('reports an empty header or a bare prefix', () => {
    expect(verifyBearer(config, requestWith([['Authorization', '']])).state).toBe('empty');
    expect(verifyBearer(config, requestWith([['Authorization', 'Bearer ']])).state).toBe('empty');
  });

  it('accepts a bare token with the prefix off', () => {
    const bare: BearerAuthConfig = { ...config, headerName: 'X-Vapi-Secret', bearerPrefixEnabled: false };
    expect(verifyBearer(bare, requestWith([['X-Vapi-Secret', TOKEN]])).state).toBe('valid');
  });

  it('flags a prefix that is turned off as wrong format', () => {
    const bare: BearerAuthConfig = { ...config, bearerPrefixEnabled: false };
    const check = verifyBearer(bare, requestWith([['Authorization', `Bearer ${TOKEN}`]]));
    expect(check.state).toBe('invalid');
    expect(check.reason).toBe('wrong_secret_format');
  });
});
