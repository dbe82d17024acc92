import { describe, expect, it } from 'vitest';
import type { AuthSettings } from '../../../src-main/contract/auth';
import { NO_AUTH_SETTINGS } from '../../../src-main/core/auth/auth-schema';
import { authRuleFor, authSettingsView, mergeAuthSettings } from '../../../src-main/core/auth/auth-settings';
import { SwitchboardError } from '../../../src-main/core/errors';

function mergeError(change: unknown, current: AuthSettings = NO_AUTH_SETTINGS): SwitchboardError {
  try {
    mergeAuthSettings(current, change);
  } catch (error) {
    return error as SwitchboardError;
  }
  throw new Error('expected mergeAuthSettings to throw');
}

describe('mergeAuthSettings', () => {
  it('rejects an unknown placeholder', () => {
    const error = mergeError({ default: { scheme: 'hmac', secretKey: 'k', payloadFormat: '{ts}.{body}' } });
    expect(error.code).toBe('invalid_option');
    expect(error.message).toContain('default.payloadFormat');
    expect(error.message).toContain('{ts}');
  });

  it('rejects a header name with spaces', () => {
    expect(mergeError({ default: { scheme: 'bearer', token: 't', headerName: 'X Token' } }).message).toContain('default.headerName');
  });

  it('rejects a missing secret', () => {
    const error = mergeError({ default: { scheme: 'secret' } });
    expect(error.message).toBe('Invalid auth setting default.secret: missing. Enter the shared secret Vapi sends.');
  });

  it('rejects a base64 secret that is not base64', () => {
    expect(mergeError({ default: { scheme: 'hmac', secretKey: 'not base64!', secretIsBase64: true } }).message).toContain('not base64 text');
  });

  it('rejects {timestamp} without a timestamp', () => {
    const error = mergeError({ default: { scheme: 'hmac', secretKey: 'k', includeTimestamp: false, payloadFormat: '{timestamp}.{body}' } });
    expect(error.message).toContain('includeTimestamp');
  });

  it('signs {body} alone without a timestamp', () => {
    const settings = mergeAuthSettings(NO_AUTH_SETTINGS, { default: { scheme: 'hmac', secretKey: 'k', includeTimestamp: false } });
    expect(settings.default).toMatchObject({ includeTimestamp: false, payloadFormat: '{body}' });
  });

  it('rejects a repeated path', () => {
    const rule = { path: '/tools', config: { scheme: 'none' } };
    expect(mergeError({ paths: [rule, rule] }).message).toContain('repeats /tools');
  });

  it('keeps a secret left out for the same scheme', () => {
    const first = mergeAuthSettings(NO_AUTH_SETTINGS, { default: { scheme: 'bearer', token: 'tok-1' }, paths: [{ path: '/tools/', config: { scheme: 'secret', secret: 's-1' } }] });
    const second = mergeAuthSettings(first, { default: { scheme: 'bearer', headerName: 'X-Token' }, paths: [{ path: '/tools', config: { scheme: 'secret' } }] });
    expect(second.default).toEqual({ scheme: 'bearer', token: 'tok-1', headerName: 'X-Token', bearerPrefixEnabled: true });
    expect(second.paths[0]?.config).toEqual({ scheme: 'secret', secret: 's-1', headerName: null });
  });

  it('never puts a secret in an error', () => {
    const error = mergeError({ default: { scheme: 'hmac', secretKey: 'super-secret-value', algorithm: 'md5' } });
    expect(error.message).toContain('default.algorithm');
    expect(error.message).not.toContain('super-secret-value');
  });
});

describe('authSettingsView', () => {
  it('replaces secrets with whether they are set', () => {
    const settings = mergeAuthSettings(NO_AUTH_SETTINGS, { default: { scheme: 'hmac', secretKey: 'hmac-key' }, paths: [{ path: '/a', config: { scheme: 'bearer', token: 'tok' } }] });
    const view = authSettingsView(settings, true);
    expect(JSON.stringify(view)).not.toContain('hmac-key');
    expect(JSON.stringify(view)).not.toContain('tok"');
    expect(view.default).toMatchObject({ scheme: 'hmac', secretSet: true });
    expect(view.paths[0]?.config).toMatchObject({ scheme: 'bearer', secretSet: true });
  });
});

describe('authRuleFor', () => {
  const settings = mergeAuthSettings(NO_AUTH_SETTINGS, {
    default: { scheme: 'secret', secret: 'd' },
    paths: [
      { path: '/vapi', config: { scheme: 'bearer', token: 'b' } },
      { path: '/vapi/tools', config: { scheme: 'hmac', secretKey: 'h' } },
    ],
  });

  it('picks the longest covering path', () => {
    expect(authRuleFor(settings, '/vapi/tools/lookup').pathRule).toBe('/vapi/tools');
    expect(authRuleFor(settings, '/vapi/tools').config.scheme).toBe('hmac');
    expect(authRuleFor(settings, '/vapi/assistant').pathRule).toBe('/vapi');
  });

  it('falls back to the default', () => {
    expect(authRuleFor(settings, '/vapitools').pathRule).toBeNull();
    expect(authRuleFor(settings, '/').config.scheme).toBe('secret');
  });
});
