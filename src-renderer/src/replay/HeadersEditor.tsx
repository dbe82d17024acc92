import type { HeaderPair } from '../../../src-main/contract/exchange';

export interface HeadersEditorProps {
  headers: HeaderPair[];
  onChange(headers: HeaderPair[]): void;
}

/** Renders an editable header table, where a name or value can be changed and a row removed or added. */
export function HeadersEditor({ headers, onChange }: HeadersEditorProps) {
  const update = (index: number, pair: HeaderPair): void => onChange(headers.map((current, position) => (position === index ? pair : current)));
  const remove = (index: number): void => onChange(headers.filter((_pair, position) => position !== index));

  return (
    <div className="replay-headers" data-testid="replay-headers">
      {headers.map(([name, value], index) => (
        <div className="replay-header-row" key={index}>
          <input className="mono" aria-label={`Header ${index + 1} name`} value={name} onChange={(event) => update(index, [event.target.value, value])} />
          <input className="mono" aria-label={`Header ${index + 1} value`} value={value} onChange={(event) => update(index, [name, event.target.value])} />
          <button className="icon-button" onClick={() => remove(index)} aria-label={`Remove header ${name}`} title="Remove">
            ✕
          </button>
        </div>
      ))}
      <button className="icon-button" onClick={() => onChange([...headers, ['', '']])}>
        + Add header
      </button>
      <p className="muted replay-note">Host and Content-Length are set from the target and the bytes sent.</p>
    </div>
  );
}
