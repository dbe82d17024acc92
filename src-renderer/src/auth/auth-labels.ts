import type { AuthReason, AuthScheme } from '../../../src-main/contract/auth';
import type { AuthState } from '../../../src-main/contract/exchange';

/** The look of an auth state: a symbol and a word, with a tone for colour. Colour is never used alone. */
export interface AuthLook {
  symbol: string;
  label: string;
  tone: 'ok' | 'bad' | 'none';
}

const LOOKS: Record<AuthState, AuthLook> = {
  valid: { symbol: '✓', label: 'auth valid', tone: 'ok' },
  invalid: { symbol: '✕', label: 'auth invalid', tone: 'bad' },
  missing: { symbol: '✕', label: 'auth missing', tone: 'bad' },
  empty: { symbol: '✕', label: 'auth empty', tone: 'bad' },
  not_configured: { symbol: '–', label: 'auth not checked', tone: 'none' },
};

export function authLook(state: AuthState): AuthLook {
  return LOOKS[state];
}

const REASONS: Record<AuthReason, string> = {
  mismatch: 'does not match',
  wrong_secret_format: 'wrong secret format',
  wrong_prefix: 'wrong signature prefix',
  wrong_encoding: 'wrong signature encoding',
  wrong_algorithm: 'wrong algorithm',
  timestamp_missing: 'timestamp missing',
  timestamp_invalid: 'timestamp not a Unix time',
  timestamp_too_old: 'timestamp too old',
  timestamp_in_future: 'timestamp in the future',
  message_id_missing: 'message id missing',
};

/** Words for a failure reason; unknown codes from a newer core show as they are. */
export function reasonText(reason: string | null): string | null {
  return reason === null ? null : (REASONS[reason as AuthReason] ?? reason);
}

export const SCHEME_NAMES: Record<AuthScheme, string> = {
  none: 'None',
  secret: 'Shared secret (X-Vapi-Secret)',
  bearer: 'Bearer token',
  hmac: 'HMAC signature',
};
