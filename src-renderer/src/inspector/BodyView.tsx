import { useEffect, useMemo, useRef, useState } from 'react';
import type { DecodedBody } from '../../../src-main/contract/inspector';
import { prettyJsonText } from '../../../src-main/core/json/pretty-json';
import { formatBytes } from '../format/format';
import { copyText } from '../state/ui-store';
import { openCodeView } from './code-view';
import { bytesFromBase64, hexDump } from './hex-dump';

/** Most bytes the hex view shows, so a long audio body does not build megabytes of text. */
const MAX_HEX_BYTES = 256 * 1024;

interface BodyViewProps {
  /** Text of the stored bytes when they are UTF-8. */
  text: string | null;
  /** The stored bytes as base64. */
  base64: string;
  size: number;
  decoded: DecodedBody | null;
  truncated?: boolean;
  testId: string;
}

type Shown = { kind: 'empty' } | { kind: 'json'; text: string } | { kind: 'text'; text: string } | { kind: 'hex'; text: string };

function prettyJson(text: string): string | null {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;

  return prettyJsonText(text);
}

function chooseView(text: string | null, base64: string, raw: boolean): Shown {
  if (base64 === '') return { kind: 'empty' };
  if (text === null) return { kind: 'hex', text: hexDump(bytesFromBase64(base64), MAX_HEX_BYTES) };
  const pretty = raw ? null : prettyJson(text);
  return pretty === null ? { kind: 'text', text } : { kind: 'json', text: pretty };
}

function pointerLabel(pointer: string | null): string {
  if (pointer === null) return 'click a key or value';
  return pointer === '' ? '(whole body)' : pointer;
}

/** One body: JSON pretty-printed with folding, raw text otherwise, hex for binary; encoded bodies decoded for display. */
export function BodyView({ text, base64, size, decoded, truncated = false, testId }: BodyViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const [pointer, setPointer] = useState<string | null>(null);
  const [raw, setRaw] = useState(false);
  const usable = decoded !== null && decoded.error === null;
  const shown = useMemo(
    () => (usable ? chooseView(decoded.text, decoded.base64 ?? '', raw) : chooseView(text, base64, raw)),
    [usable, decoded, text, base64, raw],
  );
  const canPrettyPrint = (usable ? decoded.text : text) !== null && shown.kind !== 'empty' && (raw || shown.kind === 'json');

  useEffect(() => {
    setPointer(null);
    if (host.current === null || shown.kind === 'empty') return;
    const view = openCodeView({ text: shown.text, isJson: shown.kind === 'json', parent: host.current, onPointer: setPointer });
    return () => view.destroy();
  }, [shown]);

  return (
    <div data-testid={testId} data-kind={shown.kind}>
      {canPrettyPrint && (
        <div className="section-label">
          <span>
            Body <span className="muted">· Ctrl+F searches it</span>
          </span>
          <button className="icon-button" aria-pressed={raw} onClick={() => setRaw(!raw)} data-testid={`${testId}-raw`}>
            {raw ? 'Pretty' : 'Raw'}
          </button>
        </div>
      )}
      {decoded !== null && decoded.error === null && (
        <div className="note">
          Decoded from {decoded.encoding} for display: {formatBytes(size)} stored, {formatBytes(decoded.size)} decoded. The stored bytes are unchanged.
        </div>
      )}
      {decoded !== null && decoded.error !== null && (
        <div className="note error" data-testid={`${testId}-decode-error`}>
          Could not decode the {decoded.encoding} body ({decoded.error}). Showing the bytes as received.
        </div>
      )}
      {truncated && <div className="note">Stored up to the body limit; the caller received the whole reply.</div>}
      {shown.kind === 'empty' ? <p className="raw muted">(empty body)</p> : <div ref={host} className="body-box" />}
      {shown.kind === 'json' && (
        <div className="pointer-bar">
          <span className="muted">Pointer</span>
          <span className="mono" data-testid={`${testId}-pointer`}>
            {pointerLabel(pointer)}
          </span>
          {pointer !== null && (
            <button className="icon-button" onClick={() => void copyText(pointer, 'JSON pointer')}>
              Copy pointer
            </button>
          )}
        </div>
      )}
    </div>
  );
}
