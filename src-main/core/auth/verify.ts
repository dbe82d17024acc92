import type { AuthCheck, AuthSettings } from '../../contract/auth';
import { authRuleFor, authSchemeLabel, secretOf } from './auth-settings';
import type { AuthRequest, SchemeCheck } from './check-types';
import { verifyBearer } from './verify-bearer';
import { verifyHmac } from './verify-hmac';
import { verifySecret } from './verify-secret';

const NOT_CONFIGURED: SchemeCheck = {
  state: 'not_configured',
  reason: null,
  message: 'No authentication is configured for this path, so none was checked.',
  expected: [],
  received: [],
  fix: null,
  hmac: null,
};

/** The check of every request when no scheme is set anywhere; shared, so the usual case allocates nothing. */
const NONE_CONFIGURED: AuthCheck = Object.freeze({ ...NOT_CONFIGURED, scheme: 'none', pathRule: null });

/** Checks one received request against the rule for its path. */
export function verifyAuth(settings: AuthSettings, request: AuthRequest): AuthCheck {
  if (settings.default.scheme === 'none' && settings.paths.length === 0) {
    return NONE_CONFIGURED;
  }

  const queryStart = request.rawUrl.indexOf('?');
  const path = queryStart === -1 ? request.rawUrl : request.rawUrl.slice(0, queryStart);
  const { config, pathRule } = authRuleFor(settings, path);

  if (config.scheme !== 'none' && secretOf(config) === '') {
    return {
      ...NOT_CONFIGURED,
      message: `The ${authSchemeLabel(config)} for ${pathRule ?? 'this path'} has no secret set (saved secrets are lost when they cannot be decrypted), so none was checked.`,
      fix: 'Enter the secret again in Settings.',
      scheme: config.scheme,
      pathRule,
    };
  }

  switch (config.scheme) {
    case 'none':
      return { ...NOT_CONFIGURED, scheme: 'none', pathRule };
    case 'secret':
      return { ...verifySecret(config, request), scheme: 'secret', pathRule };
    case 'bearer':
      return { ...verifyBearer(config, request), scheme: 'bearer', pathRule };
    case 'hmac':
      return { ...verifyHmac(config, request), scheme: 'hmac', pathRule };
  }
}
