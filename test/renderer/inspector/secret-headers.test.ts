import { describe, expect, it } from 'vitest';
import { curlCommand } from '../../../src-renderer/src/inspector/curl';
import { isSecretHeader, maskedValue, revealedRequestHeaders, revealedSecretsStore, secretPlaceholder } from '../../../src-renderer/src/inspector/secret-headers';

describe('secret headers', () => {
  it('recognizes credential headers', () => {
    expect(isSecretHeader('X-Vapi-Secret')).toBe(true);
    expect(isSecretHeader('x-vapi-signature')).toBe(true);
    expect(isSecretHeader('Authorization')).toBe(true);
    expect(isSecretHeader('Content-Type')).toBe(false);
  });

  it('masks values by length', () => {
    expect(maskedValue('TopSecret123')).toBe('••••••• (12 chars)');
    expect(maskedValue('x')).toBe('••••••• (1 char)');
    expect(secretPlaceholder('X-VAPI-SECRET')).toBe('$VAPI_SECRET');
    expect(secretPlaceholder('Accept')).toBeNull();
  });

  it('tracks reveals per exchange', () => {
    revealedSecretsStore.getState().toggle(7, 'request:1');
    revealedSecretsStore.getState().toggle(7, 'response:0');

    expect([...revealedRequestHeaders(7)]).toEqual([1]);
    expect([...revealedRequestHeaders(8)]).toEqual([]);

    revealedSecretsStore.getState().toggle(8, 'request:2');

    expect([...revealedRequestHeaders(7)]).toEqual([]);
    expect([...revealedRequestHeaders(8)]).toEqual([2]);
  });
});

describe('curlCommand with secrets', () => {
  const headers: [string, string][] = [
    ['X-Vapi-Secret', 'TopSecret123'],
    ['Authorization', 'Bearer BearerTok-1'],
    ['Content-Type', 'application/json'],
  ];

  it('replaces secret values with variables', () => {
    const command = curlCommand('http://h/', 'POST', headers, '{}', 'e30=');

    expect(command).toBe(`curl 'http://h/' -X POST -H "X-Vapi-Secret: $VAPI_SECRET" -H "Authorization: $AUTHORIZATION" -H 'Content-Type: application/json' --data-raw '{}'`);
    expect(command).not.toContain('TopSecret123');
    expect(command).not.toContain('BearerTok-1');
  });

  it('keeps revealed values', () => {
    const command = curlCommand('http://h/', 'POST', headers, '{}', 'e30=', new Set([0]));

    expect(command).toContain(`-H 'X-Vapi-Secret: TopSecret123'`);
    expect(command).toContain(`-H "Authorization: $AUTHORIZATION"`);
  });
});
