import pc from 'picocolors';
import type { AuthCheck } from '../contract/auth';
import type { ExchangeSummary } from '../contract/exchange';
import { maskedValue } from '../core/redaction';

/** Words for an exchange that failed its auth check, such as `auth invalid (mismatch)`; null when it passed or was not checked. */
export function authFailureWords(exchange: ExchangeSummary): string | null {
  if (exchange.auth === null || exchange.auth === 'valid' || exchange.auth === 'not_configured') {
    return null;
  }

  return `auth ${exchange.auth}${exchange.authReason === null ? '' : ` (${exchange.authReason})`}`;
}

/**
 * Formats a recorded auth check for `switchboard show`: the result, the fix, what was expected and
 * what arrived. For the shared-secret and bearer schemes the arrived value is the credential
 * itself, so it is masked unless `revealSecrets` is set.
 */
export function authCheckLines(check: AuthCheck, revealSecrets = false): string[] {
  const masksValues = !revealSecrets && (check.scheme === 'secret' || check.scheme === 'bearer');
  const state = check.reason === null ? check.state : `${check.state} (${check.reason})`;
  const lines = [pc.bold(`Authentication: ${state}`), `  ${check.message}`];

  if (check.fix !== null) lines.push(`  Fix: ${check.fix}`);

  lines.push(`  Rule: ${check.pathRule ?? 'default'}`, '  Expected:', ...check.expected.map((line) => `    ${line}`), '  Arrived:');
  lines.push(
    ...check.received.map(({ name, value }) => {
      const shown = value === null ? pc.dim('(absent)') : masksValues ? maskedValue(value) : value;
      return `    ${name}: ${shown}`;
    }),
  );

  if (check.hmac !== null) {
    const { hmac } = check;
    lines.push(`  Expected signature: ${hmac.expectedSignature}`);

    if (hmac.timestampUnit !== null) {
      lines.push(`  Timestamp: ${hmac.signed.timestamp} (${hmac.timestampUnit}, ${hmac.timestampAgeSeconds} s old, tolerance ${hmac.toleranceSeconds} s)`);
    }

    lines.push(`  Signed bytes (base64): ${hmac.signed.bytesBase64}`);

    if (hmac.signed.text !== null) lines.push(`  Signed bytes (text): ${JSON.stringify(hmac.signed.text)}`);
  }

  return lines;
}
