import { useEffect, useState } from 'react';
import { useRuntime } from '../state/runtime-store';

/** A banner over the list while the core is unreachable, counting down to the next attempt. */
export function ConnectionBanner({ onRetry }: { onRetry(): void }) {
  const connection = useRuntime((state) => state.connection);
  const retryAt = useRuntime((state) => state.retryAt);
  const error = useRuntime((state) => state.connectionError);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    if (connection === 'open') return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [connection]);

  if (connection !== 'reconnecting') return null;

  const seconds = retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - now) / 1000));

  return (
    <div className="banner" role="alert" data-testid="connection-banner">
      <strong>Cannot reach Switchboard.</strong>
      <span>{error ?? 'The core stopped or the connection dropped. Recording continues once it is back.'}</span>
      <span>{seconds > 0 ? `Retrying in ${seconds} s…` : 'Retrying…'}</span>
      <button className="icon-button" onClick={onRetry}>
        Retry now
      </button>
    </div>
  );
}
