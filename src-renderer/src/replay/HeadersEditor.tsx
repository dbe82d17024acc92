import { useState } from 'react';
import type { HeaderPair } from '../../../src-main/contract/exchange';
import { isSecretHeader, maskedValue } from '../inspector/secret-headers';

export interface HeadersEditorProps {
  headers: HeaderPair[];
  onChange(headers: HeaderPair[]): void;
}

/**
 * Renders an editable header table, where a name or value can be changed and a row removed or added.
 * Credential values stay masked until revealed; masking changes only the display, so the replay
 * sends the recorded value unless it is edited.
 */
export function HeadersEditor({ headers, onChange }: HeadersEditorProps) {
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  const update = (index: number, pair: HeaderPair): void => onChange(headers.map((current, position) => (position === index ? pair : current)));
  const remove = (index: number): void => {
    setRevealed(new Set([...revealed].filter((position) => position !== index).map((position) => (position > index ? position - 1 : position))));
    onChange(headers.filter((_pair, position) => position !== index));
  };
  const reveal = (index: number): void => setRevealed(new Set([...revealed, index]));

  return (
    <div className="replay-headers" data-testid="replay-headers">
      {headers.map(([name, value], index) => (
        <div className="replay-header-row" key={index}>
          <input className="mono" aria-label={`Header ${index + 1} name`} value={name} onChange={(event) => update(index, [event.target.value, value])} />
          {isSecretHeader(name) && !revealed.has(index) ? (
            <span className="replay-secret">
              <span className="mono muted" data-testid="replay-secret">
                {maskedValue(value)}
              </span>
              <button className="link-button" onClick={() => reveal(index)} aria-label={`Reveal ${name} to edit it`}>
                reveal
              </button>
            </span>
          ) : (
            <input className="mono" aria-label={`Header ${index + 1} value`} value={value} onChange={(event) => update(index, [name, event.target.value])} />
          )}
          <button className="icon-button" onClick={() => remove(index)} aria-label={`Remove header ${name}`} title="Remove">
            ✕
          </button>
        </div>
      ))}
      <button
        className="icon-button"
        onClick={() => {
          // A header added here has no recorded value, so it is never masked.
          reveal(headers.length);
          onChange([...headers, ['', '']]);
        }}
      >
        + Add header
      </button>
      <p className="muted replay-note">Host and Content-Length are set from the target and the bytes sent.</p>
    </div>
  );
}
