import { useRuntime } from '../state/runtime-store';
import { useUi, type MainView } from '../state/ui-store';

const TABS: { view: MainView; label: string }[] = [
  { view: 'exchanges', label: 'Exchanges' },
  { view: 'calls', label: 'Calls' },
  { view: 'mocks', label: 'Mocks' },
];

/** Receive URL, target and whether it accepts connections, the view tabs and the settings button. */
export function TopBar() {
  const runtime = useRuntime((state) => state.runtime);
  const health = useRuntime((state) => state.health);
  const connection = useRuntime((state) => state.connection);
  const view = useUi((state) => state.view);
  const setView = useUi((state) => state.setView);
  const receivePort = runtime === null ? '' : new URL(runtime.receiveUrl).port;
  let dotClass = 'dot';
  if (connection !== 'open') dotClass = 'dot off';
  else if (health?.reachable === false) dotClass = 'dot wait';

  return (
    <header className="topbar">
      <span className="brand">Switchboard</span>
      <span className="receive-line" data-testid="receive-line">
        <span className={dotClass} aria-hidden="true" />
        {runtime === null ? (
          <span className="muted">Connecting…</span>
        ) : (
          <>
            <span>Receiving on :{receivePort}</span>
            <span className="muted">→</span>
            <span className="mono">{runtime.targetUrl ?? 'no target (events are recorded, not forwarded)'}</span>
            {health?.reachable === true && <span className="health-ok" title="The target accepts connections">✓</span>}
            {health?.reachable === false && (
              <span className="health-bad" title={health.error ?? 'not reachable'}>
                ✕ not answering
              </span>
            )}
          </>
        )}
      </span>
      <nav className="tabs" role="tablist" aria-label="Views">
        {TABS.map((tab) => (
          <button key={tab.view} className="tab" role="tab" aria-selected={view === tab.view} onClick={() => setView(tab.view)}>
            {tab.label}
          </button>
        ))}
        <button className="tab" role="tab" aria-selected={view === 'settings'} aria-label="Settings" title="Settings" onClick={() => setView('settings')}>
          ⚙ Settings
        </button>
      </nav>
    </header>
  );
}
