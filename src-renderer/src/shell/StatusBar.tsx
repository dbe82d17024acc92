import { formatBytes, formatCountOf } from '../format/format';
import { useRuntime } from '../state/runtime-store';

/** Receive URL, target health, database path and size, event count and the inspector address. */
export function StatusBar() {
  const runtime = useRuntime((state) => state.runtime);
  const health = useRuntime((state) => state.health);
  const extra = useRuntime((state) => state.countSinceRuntime);
  const connection = useRuntime((state) => state.connection);

  if (runtime === null) {
    return <footer className="statusbar">Waiting for the core…</footer>;
  }

  return (
    <footer className="statusbar" data-testid="status-bar">
      <span data-testid="exchange-count">{formatCountOf(runtime.exchangeCount + extra, 'exchange')}</span>
      <span className="sep">·</span>
      <span className="status-shrink status-db" title={runtime.databasePath}>
        db {formatBytes(runtime.databaseSizeBytes)} <span className="mono">{runtime.databasePath}</span>
      </span>
      <span className="sep">·</span>
      <span>
        receive <span className="mono">{runtime.receiveUrl}</span>
      </span>
      <span className="sep">·</span>
      <span className={health?.reachable === false && connection === 'open' ? 'status-shrink' : undefined} data-testid="target-status">
        target{' '}
        {runtime.targetUrl === null ? (
          'none'
        ) : connection !== 'open' ? (
          <span title="Unknown while this page is not connected to Switchboard">unknown</span>
        ) : health?.reachable === false ? (
          <span className="health-bad" title={`not answering: ${health.error}`}>
            not answering: {health.error}
          </span>
        ) : health?.reachable === true ? (
          <span className="health-ok">answers ✓</span>
        ) : (
          'checking…'
        )}
      </span>
      {runtime.inspectorUrl !== null && (
        <>
          <span className="sep">·</span>
          <span>inspector {new URL(runtime.inspectorUrl).host}</span>
        </>
      )}
      <span className="sep">·</span>
      <span>v{runtime.version}</span>
    </footer>
  );
}
