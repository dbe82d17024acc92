import { useStore } from 'zustand';
import { formatCountOf } from '../format/format';
import { clearHistoryStore } from './clear-history-store';

/**
 * Deletes the recorded history after a confirmation. Exchanges still in flight stay, and mock
 * rules and settings are kept. The list reloads when the core pushes the deletion.
 */
export function ClearHistory() {
  const state = useStore(clearHistoryStore, (store) => store.current);
  const { confirm, cancel, clear } = clearHistoryStore.getState();

  return (
    <div className="clear-history" data-testid="clear-history">
      {state.step === 'confirming' ? (
        <div className="clear-confirm" role="alertdialog" aria-label="Clear history">
          <p>Delete every recorded exchange and call? Mock rules and settings stay. This cannot be undone.</p>
          <button type="button" className="danger-button" onClick={() => void clear()}>
            Delete history
          </button>
          <button type="button" className="icon-button" onClick={cancel}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="icon-button" disabled={state.step === 'clearing'} onClick={confirm}>
          {state.step === 'clearing' ? 'Clearing…' : 'Clear history…'}
        </button>
      )}
      {state.step === 'done' && (
        <span className="saved" role="status">
          Deleted {formatCountOf(state.report.exchanges, 'exchange')} and {formatCountOf(state.report.calls, 'call')}.
        </span>
      )}
      {state.step === 'failed' && (
        <span className="save-failed" role="alert">
          Not cleared: {state.message}
        </span>
      )}
    </div>
  );
}
