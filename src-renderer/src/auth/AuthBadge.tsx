import type { AuthState } from '../../../src-main/contract/exchange';
import { authLook, reasonText } from './auth-labels';
import './auth.css';

interface AuthBadgeProps {
  auth: AuthState | null;
  reason: string | null;
  /** Leave out `not_configured`, as the list does, so unchecked rows stay quiet. */
  hideUnchecked?: boolean;
  /** Show only the symbol and `auth`, for narrow list cells; the full words stay in the tooltip. */
  compact?: boolean;
}

/** Shows the authentication result of an exchange as a symbol and a word, with the reason on hover. */
export function AuthBadge({ auth, reason, hideUnchecked = false, compact = false }: AuthBadgeProps) {
  if (auth === null || (hideUnchecked && auth === 'not_configured')) {
    return null;
  }

  const look = authLook(auth);
  const reasonWords = reasonText(reason);
  const words = reasonWords === null ? look.label : `${look.label}: ${reasonWords}`;

  return (
    <span className={`auth-badge tone-${look.tone}`} title={words} aria-label={words} data-testid="auth-badge" data-auth={auth}>
      <span aria-hidden="true">{look.symbol}</span>
      <span aria-hidden="true">{compact ? 'auth' : words}</span>
    </span>
  );
}
