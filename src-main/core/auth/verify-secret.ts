import type { SecretAuthConfig } from '../../contract/auth';
import { VAPI_DEFAULTS } from './auth-schema';
import type { AuthRequest, SchemeCheck } from './check-types';
import { secretsEqual } from './hmac';
import { headerValues } from './request-headers';

/**
 * Checks a shared secret sent verbatim. Without a configured header name both `X-Vapi-Secret`
 * and `X-Vapi-Signature` are read, because Vapi's docs used the second name for part of 2025.
 */
export function verifySecret(config: SecretAuthConfig, request: AuthRequest): SchemeCheck {
  const names = config.headerName === null ? [...VAPI_DEFAULTS.secretHeaders] : [config.headerName];
  const shownNames = names.join(' or ');
  const received = names.map((name) => ({ name, value: headerValues(request.headers, name)[0] ?? null }));
  const values = names.flatMap((name) => headerValues(request.headers, name));
  const expected = [`Header ${shownNames}: the configured shared secret, exactly, with nothing around it`];
  const base = { received, expected, hmac: null };

  if (values.length === 0) {
    return {
      ...base,
      state: 'missing',
      reason: null,
      message: `No ${shownNames} header arrived.`,
      fix: 'Set the same secret on the server in Vapi (server.secret, or serverUrlSecret on older objects), and check that nothing in between drops the header.',
    };
  }

  if (values.every((value) => value.trim() === '')) {
    return { ...base, state: 'empty', reason: null, message: `The ${shownNames} header arrived empty.`, fix: 'Set the secret on the server in Vapi; it is blank there now.' };
  }

  if (values.some((value) => secretsEqual(value, config.secret))) {
    return { ...base, state: 'valid', reason: null, message: 'The shared secret matches.', fix: null };
  }

  const near = values.find((value) => secretsEqual(value.trim(), config.secret) || secretsEqual(value.replace(/^bearer\s+/i, '').trim(), config.secret));

  if (near !== undefined) {
    return {
      ...base,
      state: 'invalid',
      reason: 'wrong_secret_format',
      message: `The ${shownNames} header carries the secret with something around it (spaces, a line break or a Bearer prefix).`,
      fix: 'Send the secret alone: remove the extra characters from the value set in Vapi.',
    };
  }

  return {
    ...base,
    state: 'invalid',
    reason: 'mismatch',
    message: `The ${shownNames} header does not match the configured secret.`,
    fix: 'Copy the secret from the server settings in Vapi into Switchboard, or the other way round.',
  };
}
