import type { AuthState } from '../../../src-main/contract/exchange';
import { authLook, reasonText } from './auth-labels';
import './auth.css';

interface AuthBadgeProps {
  auth: AuthState | null;
  reason: string | null;
  /** Leave out `not_configured`, as the list does, so unchecked rows stay quiet. */
  hideUnchecked?: boolean;
}

/** The authentication result of an exchange as a symbol and a word, with the reason on hover. */
export function AuthBadge({ auth, reason, hideUnchecked = false }: AuthBadgeProps) {
  if (auth === null || (hideUnchecked && auth === 'not_configured')) {
    return null;
  }

  const look = authLook(auth);
  const why = reasonText(reason);

  return (
    <span className={`auth-badge tone-${look.tone}`} title={why === null ? look.label : `${look.label}: ${why}`} data-testid="auth-badge" data-auth={auth}>
      <span aria-hidden="true">{look.symbol}</span>
      <span>{why === null ? look.label : `${look.label}: ${why}`}</span>
    </span>
  );
}
