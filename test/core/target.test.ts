import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../../src-main/core/errors';
import { parseTarget, targetRequestPath } from '../../src-main/core/target';

function rejection(raw: string): SwitchboardError {
  try {
    parseTarget(raw);
  } catch (error) {
    return error as SwitchboardError;
  }

  throw new Error(`expected ${raw} to be rejected`);
}

describe('parseTarget', () => {
  it('accepts http and https URLs', () => {
    expect(parseTarget('http://localhost:3000/vapi/webhook').hasFixedPath).toBe(true);
    expect(parseTarget('https://127.0.0.1:8443').hasFixedPath).toBe(false);
    expect(parseTarget('http://[::1]:3000/').hasFixedPath).toBe(false);
  });

  it('shows the bracketed form of an IPv6 literal', () => {
    const error = rejection('http://::1:3000/vapi');

    expect(error.code).toBe('ipv6_needs_brackets');
    expect(error.message).toContain('http://[::1]:3000/vapi');
  });

  it('rejects text that is not a URL', () => {
    const error = rejection('localhost:3000');

    expect(error.code).toBe('invalid_target_url');
    expect(error.message).toContain('"localhost:3000"');
    expect(error.message).toContain('http://localhost:3000');
    expect(rejection('3000').message).toContain('http://localhost:3000');
    expect(rejection('http://').code).toBe('invalid_target_url');
  });

  it('rejects other schemes, credentials and fragments', () => {
    expect(rejection('ftp://localhost/x').message).toContain('http or https');
    expect(rejection('http://user:pw@localhost/').message).toContain('credentials');
    expect(rejection('http://localhost/#frag').message).toContain('fragment');
  });
});

describe('targetRequestPath', () => {
  it('maps paths for a fixed path and for a bare origin', () => {
    expect(targetRequestPath(parseTarget('http://h/vapi/webhook'), '/x/y?a=%2F')).toBe('/vapi/webhook?a=%2F');
    expect(targetRequestPath(parseTarget('http://h'), '/x/a%2Fb?a=1')).toBe('/x/a%2Fb?a=1');
    expect(targetRequestPath(parseTarget('http://h/hook?env=dev'), '/p?a=1')).toBe('/hook?env=dev&a=1');
    expect(targetRequestPath(parseTarget('http://h/hook?env=dev'), '/p')).toBe('/hook?env=dev');
  });
});
