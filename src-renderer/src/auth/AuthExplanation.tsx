import { useEffect, useState } from 'react';
import type { AuthCheck, HmacExplanation } from '../../../src-main/contract/auth';
import type { AuthState } from '../../../src-main/contract/exchange';
import { callApi } from '../api/control-client';
import { SecretValue } from '../inspector/SecretValue';
import { copyText } from '../state/ui-store';
import { AuthBadge } from './AuthBadge';
import { nodeSnippet, visibleRuns } from './signed-bytes';
import './auth.css';

interface AuthExplanationProps {
  exchangeId: number;
  auth: AuthState | null;
  authReason: string | null;
}

/**
 * Shows what the authentication check expected and what arrived, with the exact signed bytes, so a
 * developer can reproduce the value. Loads the recorded explanation of one exchange.
 */
export function AuthExplanation({ exchangeId, auth, authReason }: AuthExplanationProps) {
  const [check, setCheck] = useState<AuthCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const checked = auth !== null && auth !== 'not_configured';

  useEffect(() => {
    setCheck(null);
    setError(null);

    if (!checked) return;

    const controller = new AbortController();
    callApi<AuthCheck>(`/api/exchanges/${exchangeId}/auth`, { signal: controller.signal })
      .then(setCheck)
      .catch((failure: unknown) => {
        if ((failure as Error).name !== 'AbortError') setError((failure as Error).message);
      });
    return () => controller.abort();
  }, [exchangeId, checked]);

  if (!checked) return null;

  return (
    <details className="auth-explanation" open={auth !== 'valid'} data-testid="auth-explanation">
      <summary>
        Authentication <AuthBadge auth={auth} reason={authReason} />
      </summary>
      <div className="auth-content">
        {error !== null && <p className="error-line">Could not load the explanation: {error}</p>}
        {check === null && error === null && <p className="muted">Loading…</p>}
        {check !== null && <CheckDetails exchangeId={exchangeId} check={check} />}
      </div>
    </details>
  );
}

function CheckDetails({ exchangeId, check }: { exchangeId: number; check: AuthCheck }) {
  // The arrived value of these schemes is the credential itself, so it is masked like the header table does.
  const masked = check.scheme === 'secret' || check.scheme === 'bearer';

  return (
    <>
      <p>{check.message}</p>
      {check.fix !== null && <p className="auth-fix">{check.fix}</p>}
      <p className="muted">
        Rule: {check.pathRule === null ? 'default' : `path ${check.pathRule}`}
      </p>
      <h4>Expected</h4>
      <ul>
        {check.expected.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h4>Arrived</h4>
      <dl className="auth-grid" data-testid="auth-received">
        {check.received.map(({ name, value }, index) => (
          <div key={name} style={{ display: 'contents' }}>
            <dt>{name}</dt>
            <dd>
              {value === null || value === '' ? (
                <span className="muted">{value === null ? '(absent)' : '(empty)'}</span>
              ) : masked ? (
                <SecretValue exchangeId={exchangeId} revealKey={`auth:${index}`} name={name} value={value} />
              ) : (
                value
              )}
            </dd>
          </div>
        ))}
      </dl>
      {check.hmac !== null && <HmacDetails hmac={check.hmac} />}
    </>
  );
}

function HmacDetails({ hmac }: { hmac: HmacExplanation }) {
  const { signed } = hmac;
  const age = hmac.timestampAgeSeconds;

  return (
    <>
      <h4>Signature</h4>
      <dl className="auth-grid">
        <dt>algorithm</dt>
        <dd>
          HMAC-{hmac.algorithm.toUpperCase()}, {hmac.encoding}
          {hmac.prefix === '' ? '' : `, prefix ${hmac.prefix}`}
          {hmac.secretIsBase64 ? ', secret decoded from base64' : ''}
        </dd>
        <dt>expected</dt>
        <dd data-testid="auth-expected-signature">{hmac.expectedSignature}</dd>
        <dt>arrived</dt>
        <dd>{hmac.receivedSignature ?? <span className="muted">(absent)</span>}</dd>
        {signed.timestamp !== null && (
          <>
            <dt>timestamp</dt>
            <dd>
              {signed.timestamp}
              {hmac.timestampUnit === null ? ' (not a Unix time)' : ` (${hmac.timestampUnit === 'ms' ? 'milliseconds' : 'seconds'}`}
              {age !== null && `, ${age >= 0 ? `${age} s old` : `${-age} s in the future`}, tolerance ${hmac.toleranceSeconds} s)`}
            </dd>
          </>
        )}
        {signed.url !== null && (
          <>
            <dt>{'{url}'}</dt>
            <dd>{signed.url}</dd>
          </>
        )}
      </dl>
      <h4>
        Signed bytes ({signed.payloadFormat}){' '}
        <button type="button" className="icon-button" onClick={() => void copyText(signed.bytesBase64, 'signed bytes as base64')}>
          Copy base64
        </button>{' '}
        <button type="button" className="icon-button" onClick={() => void copyText(nodeSnippet(hmac.algorithm, hmac.encoding, signed.bytesBase64, hmac.secretIsBase64), 'Node.js check')}>
          Copy Node.js check
        </button>
      </h4>
      <pre className="auth-bytes" data-testid="auth-signed-bytes">
        {signed.text === null
          ? `(not UTF-8 text; base64) ${signed.bytesBase64}`
          : visibleRuns(signed.text).map((run, index) =>
              run.escape ? (
                <span key={index} className="escape">
                  {run.text}
                </span>
              ) : (
                run.text
              ),
            )}
      </pre>
    </>
  );
}
