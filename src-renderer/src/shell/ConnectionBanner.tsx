import { useEffect, useState } from 'react';
import { useRuntime } from '../state/runtime-store';

/**
 * A banner above the panes while the core is unreachable, counting down to the next attempt. After
 * a restart the old token is rejected for good, so the banner tells the user to open the newly printed URL instead.
 */
export function ConnectionBanner({ onRetry }: { onRetry(): void }) {
  const connection = useRuntime((state) => state.connection);
  const retryAt = useRuntime((state) => state.retryAt);
  const error = useRuntime((state) => state.connectionError);
  const everOpened = useRuntime((state) => state.everOpened);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    if (connection !== 'reconnecting') return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [connection]);

  if (connection === 'token-rejected' && !everOpened) {
    return (
      <div className="banner" role="alert" data-testid="connection-banner">
        <strong>Cannot open the inspector.</strong>
        <span>{error}</span>
      </div>
    );
  }

  if (connection === 'token-rejected') {
    return (
      <div className="banner" role="alert" data-testid="connection-banner">
        <strong>Switchboard was restarted.</strong>
        <span>
          This page holds the access token of the previous run, so it stopped reconnecting. Open the <span className="mono">Inspector:</span> URL that the new{' '}
          <span className="mono">switchboard listen</span> printed.
        </span>
      </div>
    );
  }

  if (connection !== 'reconnecting') return null;

  const seconds = retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - now) / 1000));

  return (
    <div className="banner" role="alert" data-testid="connection-banner">
      <strong>Cannot reach Switchboard.</strong>
      <span>{error ?? 'The core stopped or the connection dropped. Recording continues once it is back.'}</span>
      <span className="banner-retry">{seconds > 0 ? `Retrying in ${seconds} s…` : 'Retrying…'}</span>
      <button className="icon-button" onClick={onRetry}>
        Retry now
      </button>
    </div>
  );
}
