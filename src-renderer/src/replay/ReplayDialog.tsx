import { useEffect } from 'react';
import { CompareView } from './CompareView';
import { ReplayEditor } from './ReplayEditor';
import { replayStore, useReplay } from './replay-store';

/** Shows the replay editor or the comparison over the inspector. Esc or ✕ closes it. */
export function ReplayDialog() {
  const dialog = useReplay((state) => state.dialog);
  const error = useReplay((state) => state.error);
  const close = (): void => replayStore.getState().close();
  const open = dialog.kind !== 'closed';

  useEffect(() => {
    if (!open) return;

    // Captured before the inspector's own Esc handler, so Esc closes only this dialog. Inside the
    // body editor Esc belongs to CodeMirror (closing its search panel), so edits are not lost.
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || (event.target instanceof HTMLElement && event.target.closest('.cm-editor') !== null)) return;
      event.stopPropagation();
      replayStore.getState().close();
    };

    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [open]);

  if (dialog.kind === 'closed') return null;

  const title = dialog.kind === 'editing' ? `Edit & replay #${dialog.exchangeId}` : `Compare #${dialog.leftId} with #${dialog.rightId}`;
  const loading = dialog.kind === 'editing' ? dialog.draft === null : dialog.comparison === null;

  return (
    <div className="replay-backdrop">
      <div className="replay-dialog" role="dialog" aria-modal="true" aria-label={title}>
        <div className="replay-dialog-head">
          <h2>{title}</h2>
          <button className="icon-button" onClick={close} aria-label="Close" title="Close (Esc)">
            ✕
          </button>
        </div>
        {error !== null && (
          <p className="error-line" role="alert" data-testid="replay-error">
            {error}
          </p>
        )}
        {loading && error === null && <p className="muted">Loading…</p>}
        {dialog.kind === 'editing' && dialog.draft !== null && <ReplayEditor key={dialog.exchangeId} draft={dialog.draft} />}
        {dialog.kind === 'comparing' && dialog.comparison !== null && <CompareView comparison={dialog.comparison} />}
      </div>
    </div>
  );
}
