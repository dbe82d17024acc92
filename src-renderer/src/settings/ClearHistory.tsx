import { useState } from 'react';
import type { PruneReport } from '../../../src-main/contract/history';
import { callApi } from '../api/control-client';

type ClearState = { step: 'idle' } | { step: 'confirming' } | { step: 'clearing' } | { step: 'done'; report: PruneReport } | { step: 'failed'; message: string };

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Deletes the recorded history after a confirmation. Exchanges still in flight stay, and mock
 * rules and settings are kept. The list reloads when the core pushes the deletion.
 */
export function ClearHistory() {
  const [state, setState] = useState<ClearState>({ step: 'idle' });

  const clear = async (): Promise<void> => {
    setState({ step: 'clearing' });

    try {
      setState({ step: 'done', report: await callApi<PruneReport>('/api/history/clear', { method: 'POST' }) });
    } catch (error) {
      setState({ step: 'failed', message: (error as Error).message });
    }
  };

  return (
    <div className="clear-history" data-testid="clear-history">
      {state.step === 'confirming' ? (
        <div className="clear-confirm" role="alertdialog" aria-label="Clear history">
          <p>Delete every recorded exchange and call? Mock rules and settings stay. This cannot be undone.</p>
          <button type="button" className="danger-button" onClick={() => void clear()}>
            Delete history
          </button>
          <button type="button" className="icon-button" onClick={() => setState({ step: 'idle' })}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="icon-button" disabled={state.step === 'clearing'} onClick={() => setState({ step: 'confirming' })}>
          {state.step === 'clearing' ? 'Clearing…' : 'Clear history…'}
        </button>
      )}
      {state.step === 'done' && (
        <span className="saved" role="status">
          Deleted {plural(state.report.exchanges, 'exchange')} and {plural(state.report.calls, 'call')}.
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
