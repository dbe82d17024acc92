import { useEffect } from 'react';
import type { ExchangeSummary } from '../../../src-main/contract/exchange';
import { ReplayDialog } from './ReplayDialog';
import { replayStore, useReplay } from './replay-store';
import './replay.css';

/** True when a key press belongs to a field or an editor, so shortcuts must not fire. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, .cm-editor') !== null;
}

/**
 * Renders the replay buttons of the detail pane: Replay (`r`), Edit & replay (`e`), and for a replay,
 * Compare with its original. A replay whose edit broke its signature is flagged.
 */
export function ReplayActions({ exchange }: { exchange: ExchangeSummary }) {
  const sending = useReplay((state) => state.sending);
  const dialogOpen = useReplay((state) => state.dialog.kind !== 'closed');
  const error = useReplay((state) => (state.dialog.kind === 'closed' ? state.error : null));

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.metaKey || event.ctrlKey || event.altKey || typingIn(event.target) || replayStore.getState().dialog.kind !== 'closed') return;
      if (event.key === 'r') void replayStore.getState().replay(exchange.id);
      if (event.key === 'e') void replayStore.getState().edit(exchange.id);
    };

    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [exchange.id]);

  return (
    <div className="replay-actions" data-testid="replay-actions">
      <button className="icon-button" onClick={() => void replayStore.getState().replay(exchange.id)} disabled={sending} title="Send it again as recorded (r)">
        {sending && !dialogOpen ? 'Replaying…' : 'Replay'}
      </button>
      <button className="icon-button" onClick={() => void replayStore.getState().edit(exchange.id)} title="Edit the body or headers, then send (e)">
        Edit & replay
      </button>
      {exchange.replayOf !== null && (
        <button className="icon-button" onClick={() => void replayStore.getState().compare(exchange.replayOf as number, exchange.id)}>
          Compare with #{exchange.replayOf}
        </button>
      )}
      {exchange.source === 'replay' && (
        <span className="replay-flag" data-testid="replay-badge">
          ↻ replay{exchange.edited ? ', edited' : ''}
        </span>
      )}
      {exchange.signature === 'stale' && (
        <span className="replay-flag stale" title="The body was edited but the original signature header was sent; no signing secret is set.">
          ⚠ signature stale
        </span>
      )}
      {exchange.signature !== null && exchange.signature !== 'stale' && exchange.source === 'replay' && <span className="replay-flag">signed: {exchange.signature}</span>}
      {error !== null && <span className="error-line">{error}</span>}
      <ReplayDialog />
    </div>
  );
}
