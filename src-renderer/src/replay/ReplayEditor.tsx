import { useEffect, useRef, useState } from 'react';
import type { HeaderPair } from '../../../src-main/contract/exchange';
import type { ReplayDraft, ReplayRequest } from '../../../src-main/contract/replay';
import { HeadersEditor } from './HeadersEditor';
import { jsonError, openJsonEditor } from './json-editor';
import { replayStore, useReplay } from './replay-store';

/** Builds the request an edit form sends. It carries only what changed, so an untouched body goes out byte for byte. */
function replayRequest(draft: ReplayDraft, text: string, headers: HeaderPair[], to: string, allowInvalidJson: boolean): ReplayRequest {
  const request: ReplayRequest = { headers: headers.filter(([name]) => name.trim() !== '') };
  if (draft.bodyText !== null && text !== draft.bodyText) request.bodyText = text;
  if (to.trim() !== '') request.to = to.trim();
  if (allowInvalidJson) request.allowInvalidJson = true;
  return request;
}

/** Shows Edit & replay: the recorded body in a JSON editor, the headers in a table, and where to send it. */
export function ReplayEditor({ draft }: { draft: ReplayDraft }) {
  const sending = useReplay((state) => state.sending);
  const [text, setText] = useState(draft.bodyText ?? '');
  const [headers, setHeaders] = useState<HeaderPair[]>(draft.headers);
  const [to, setTo] = useState('');
  const [confirming, setConfirming] = useState(false);
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (host.current === null || draft.bodyText === null) return;
    const view = openJsonEditor({ text: draft.bodyText, parent: host.current, onChange: setText });
    return () => view.destroy();
  }, [draft]);

  const bodyEdited = draft.bodyText !== null && text !== draft.bodyText;
  const parseError = draft.bodyIsJson || bodyEdited ? jsonError(text) : null;
  const staleSignature = bodyEdited && draft.signatureHeaders.length > 0 && !draft.canSign;

  const send = (allowInvalidJson: boolean): void => {
    if (parseError !== null && bodyEdited && !allowInvalidJson) {
      setConfirming(true);
      return;
    }

    setConfirming(false);
    void replayStore.getState().sendEdited(replayRequest(draft, text, headers, to, allowInvalidJson));
  };

  return (
    <div className="replay-editor" data-testid="replay-editor">
      <div className="replay-editor-body">
        <h3>
          Body {draft.contentEncoding !== null && <span className="muted">(decoded from {draft.contentEncoding}; an edited body is sent plain)</span>}
        </h3>
        {draft.bodyText === null ? (
          <p className="muted">The body is not UTF-8 text, so it is replayed exactly as recorded.</p>
        ) : (
          <div ref={host} className="replay-code" data-testid="replay-body-editor" />
        )}
        <p className={parseError === null ? 'muted' : 'error-line'} data-testid="replay-json-status">
          {parseError === null ? (draft.bodyIsJson || bodyEdited ? 'Valid JSON.' : '') : `Invalid JSON: ${parseError}`}
        </p>
      </div>
      <div className="replay-editor-side">
        <h3>Headers</h3>
        <HeadersEditor headers={headers} onChange={setHeaders} />
        <h3>Send to</h3>
        <input
          className="mono replay-to"
          aria-label="Send to URL"
          placeholder={draft.targetUrl ?? 'http://localhost:3000/vapi/webhook'}
          value={to}
          onChange={(event) => setTo(event.target.value)}
        />
        {staleSignature && (
          <p className="replay-flag stale" data-testid="replay-stale-warning">
            ⚠ Signature stale: the body changed but {draft.signatureHeaders.join(', ')} still signs the original bytes, and no signing secret is set. A
            server that checks signatures will reject this replay.
          </p>
        )}
        {draft.canSign && <p className="muted">✓ Re-signed for the bytes sent, with a fresh timestamp.</p>}
        {confirming && (
          <div className="replay-confirm" role="alertdialog" aria-label="Send invalid JSON">
            <p>The body is not valid JSON. Send it as raw text anyway?</p>
            <button className="primary-button" onClick={() => send(true)}>
              Send anyway
            </button>
            <button className="icon-button" onClick={() => setConfirming(false)}>
              Keep editing
            </button>
          </div>
        )}
        <div className="replay-buttons">
          <button className="icon-button" onClick={() => replayStore.getState().close()}>
            Cancel
          </button>
          <button className="primary-button" onClick={() => send(false)} disabled={sending} data-testid="replay-send">
            {sending ? 'Sending…' : 'Send replay'}
          </button>
        </div>
      </div>
    </div>
  );
}
