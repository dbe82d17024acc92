import type { BearerAuthConfig } from '../../contract/auth';
import type { AuthRequest, SchemeCheck } from './check-types';
import { secretsEqual } from './hmac';
import { headerValues } from './request-headers';

/** Auth scheme names are case-insensitive (RFC 9110, 11.1). */
const BEARER_PREFIX = /^bearer +/i;

/** Checks a bearer credential: the token in `headerName`, after `Bearer ` when the prefix is on. */
export function verifyBearer(config: BearerAuthConfig, request: AuthRequest): SchemeCheck {
  const value = headerValues(request.headers, config.headerName)[0] ?? null;
  const shape = config.bearerPrefixEnabled ? 'Bearer <the configured token>' : '<the configured token>, without a Bearer prefix';
  const base = { received: [{ name: config.headerName, value }], expected: [`Header ${config.headerName}: ${shape}`], hmac: null };

  if (value === null) {
    return {
      ...base,
      state: 'missing',
      reason: null,
      message: `No ${config.headerName} header arrived.`,
      fix: 'Attach a bearer credential to the server in Vapi (server.credentialId), and check that nothing in between drops the header.',
    };
  }

  const token = config.bearerPrefixEnabled ? value.replace(BEARER_PREFIX, '') : value;
  const isPrefixOnly = config.bearerPrefixEnabled && /^bearer$/i.test(value.trim());

  if (value.trim() === '' || isPrefixOnly) {
    return { ...base, state: 'empty', reason: null, message: `The ${config.headerName} header arrived without a token.`, fix: 'Set the token of the bearer credential in Vapi.' };
  }

  const hasPrefix = BEARER_PREFIX.test(value);

  if (hasPrefix === config.bearerPrefixEnabled && secretsEqual(token, config.token)) {
    return { ...base, state: 'valid', reason: null, message: 'The bearer token matches.', fix: null };
  }

  const bare = value.replace(BEARER_PREFIX, '').trim();

  if (secretsEqual(bare, config.token)) {
    const message = config.bearerPrefixEnabled
      ? `The token matches but the ${config.headerName} header ${hasPrefix ? 'has extra spaces or line breaks' : 'lacks the Bearer prefix'}.`
      : `The token matches but the ${config.headerName} header ${hasPrefix ? 'has a Bearer prefix, which is turned off here' : 'has extra spaces or line breaks'}.`;
    const fix = hasPrefix === config.bearerPrefixEnabled
      ? 'Remove the extra characters from the token set in Vapi.'
      : `Make the Bearer prefix setting agree with the credential in Vapi (bearerPrefixEnabled is ${config.bearerPrefixEnabled ? 'on' : 'off'} here).`;
    return { ...base, state: 'invalid', reason: 'wrong_secret_format', message, fix };
  }

  return {
    ...base,
    state: 'invalid',
    reason: 'mismatch',
    message: `The token in the ${config.headerName} header does not match the configured token.`,
    fix: 'Copy the token of the bearer credential in Vapi into Switchboard, or the other way round.',
  };
}
