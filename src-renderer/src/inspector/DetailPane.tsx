import type { ExchangeView } from '../../../src-main/contract/inspector';
import { AuthExplanation } from '../auth/AuthExplanation';
import { formatDuration } from '../format/format';
import { MockFromExchange } from '../mocks/MockFromExchange';
import { ReplayActions } from '../replay/ReplayActions';
import { exchangesStore } from '../state/exchanges-store';
import { useDetail } from '../state/detail-store';
import { useRuntime } from '../state/runtime-store';
import { CopyableId } from '../shell/CopyableId';
import { CopyMenu } from './CopyMenu';
import { StatusCell, TypeBadge } from './ExchangeRow';
import { MessageSide } from './MessageSide';
import { TimingBar } from './TimingBar';

function requestLine(exchange: ExchangeView): string {
  return `${exchange.method} ${exchange.path}${exchange.query === '' ? '' : `?${exchange.query}`}`;
}

/** One exchange in full: request and response side by side, timing against the deadline, warnings. */
export function DetailPane() {
  const exchange = useDetail((state) => state.value);
  const loading = useDetail((state) => state.loading);
  const error = useDetail((state) => state.error);
  const receiveUrl = useRuntime((state) => state.runtime?.receiveUrl ?? null);
  const close = (): void => exchangesStore.getState().select(null);

  if (exchange === null) {
    return (
      <div className="pane" data-testid="detail-pane">
        <div className="detail-head">
          <button className="icon-button" onClick={close} aria-label="Close the detail pane">
            ✕
          </button>
        </div>
        <p className="detail-body muted">{error ?? (loading ? 'Loading…' : '')}</p>
      </div>
    );
  }

  return (
    <div className="pane" data-testid="detail-pane">
      <div className="detail-head">
        <TypeBadge type={exchange.type} />
        <StatusCell exchange={exchange} />
        <span className="num mono">{formatDuration(exchange.durationMs)}</span>
        <span className="muted">#{exchange.id}</span>
        {exchange.callId !== null && (
          <span className="muted">
            call <CopyableId id={exchange.callId} label="call id" />
          </span>
        )}
        <span style={{ marginLeft: 'auto', display: 'flex', gap: 6 }}>
          <CopyMenu exchange={exchange} receiveUrl={receiveUrl} />
          <button className="icon-button" onClick={close} aria-label="Close the detail pane" title="Close (Esc)">
            ✕
          </button>
        </span>
      </div>
      <div className="detail-body">
        <TimingBar type={exchange.type} durationMs={exchange.durationMs} />
        <div className="detail-actions">
          <ReplayActions exchange={exchange} />
          <MockFromExchange exchange={exchange} />
        </div>
        {exchange.errorMessage !== null && <p className="error-line">{exchange.errorMessage}</p>}
        {exchange.checks.length > 0 && (
          <ul className="checks" data-testid="reply-checks">
            {exchange.checks.map((check) => (
              <li key={check.code}>⚠ {check.message}</li>
            ))}
          </ul>
        )}
        {exchange.mockRule !== null && <p className="tone-mocked">M answered by mock rule “{exchange.mockRule}”</p>}
        <AuthExplanation exchangeId={exchange.id} auth={exchange.auth} authReason={exchange.authReason} />
        <div className="sides">
          <MessageSide
            exchangeId={exchange.id}
            title="Request"
            summary={requestLine(exchange)}
            headers={exchange.requestHeaders}
            text={exchange.requestBody}
            base64={exchange.requestBodyBase64}
            size={exchange.requestSize}
            decoded={exchange.requestDecoded}
            testId="request"
          />
          <MessageSide
            exchangeId={exchange.id}
            title="Response"
            summary={exchange.status === null ? 'no status' : String(exchange.status)}
            headers={exchange.responseHeaders}
            text={exchange.responseBody}
            base64={exchange.responseBodyBase64}
            size={exchange.responseSize}
            decoded={exchange.responseDecoded}
            truncated={exchange.responseTruncated}
            testId="response"
          />
        </div>
      </div>
    </div>
  );
}
