import { useEffect, useMemo, useRef, useState } from 'react';
import { OUTCOMES, type Outcome } from '../../../src-main/contract/exchange';
import { outcomeLook } from '../format/outcome';
import { exchangesStore, useExchanges } from '../state/exchanges-store';
import { EMPTY_FILTER, isEmptyFilter, type ExchangeFilter } from '../state/filters';
import { CopyableId } from '../shell/CopyableId';

/** Event types offered in the type filter, besides any type seen in the list. */
const KNOWN_TYPES = [
  'assistant-request',
  'tool-calls',
  'transfer-destination-request',
  'knowledge-base-request',
  'status-update',
  'transcript',
  'conversation-update',
  'speech-update',
  'end-of-call-report',
  'hang',
  'user-interrupted',
  'model-output',
];

const STATUSES = [200, 400, 401, 404, 413, 500, 502, 504];

/** Wait after the last keystroke before searching, in milliseconds. */
const SEARCH_DELAY_MS = 250;

function update(change: Partial<ExchangeFilter>): void {
  const { filter, setFilter } = exchangesStore.getState();
  setFilter({ ...filter, ...change });
}

/** Search box, filter chips, and the pause and clear buttons above the exchange list. */
export function FilterBar({ searchRef }: { searchRef: React.RefObject<HTMLInputElement | null> }) {
  const filter = useExchanges((state) => state.filter);
  const paused = useExchanges((state) => state.paused);
  const heldCount = useExchanges((state) => state.held.length);
  const togglePause = useExchanges((state) => state.togglePause);
  const rows = useExchanges((state) => state.rows);
  const [text, setText] = useState(filter.text);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => setText(filter.text), [filter.text]);

  const onText = (value: string): void => {
    setText(value);
    if (pending.current !== null) clearTimeout(pending.current);
    pending.current = setTimeout(() => update({ text: value }), SEARCH_DELAY_MS);
  };

  const types = useMemo(() => {
    const seen = rows.slice(0, 500).map((row) => row.type);
    return [...new Set([...KNOWN_TYPES, ...seen.filter((type): type is string => type !== null)])].sort();
  }, [rows]);

  return (
    <div className="filterbar" role="search">
      <input
        ref={searchRef}
        className="search"
        type="search"
        placeholder="Search bodies: a phrase, an id, a tool name…  ( / )"
        aria-label="Search request and response bodies"
        value={text}
        onChange={(event) => onText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            onText('');
            event.currentTarget.blur();
          }
        }}
      />
      <span className="chip">
        <select aria-label="Event type" value={filter.type ?? ''} onChange={(event) => update({ type: event.target.value || null })}>
          <option value="">any type</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </span>
      <span className="chip">
        <select aria-label="Outcome" value={filter.outcome ?? ''} onChange={(event) => update({ outcome: (event.target.value || null) as Outcome | null })}>
          <option value="">any outcome</option>
          {OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcomeLook(outcome).label}
            </option>
          ))}
        </select>
      </span>
      <span className="chip">
        <select aria-label="HTTP status" value={filter.status ?? ''} onChange={(event) => update({ status: event.target.value === '' ? null : Number(event.target.value) })}>
          <option value="">any status</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </span>
      <button className="icon-button" aria-pressed={filter.warnings} title="Only replies with warnings" onClick={() => update({ warnings: !filter.warnings })}>
        ⚠ <span className="button-label">warnings</span>
      </button>
      {filter.callId !== null && (
        <span className="chip" data-testid="call-chip">
          call <CopyableId id={filter.callId} label="call id" />
          <button aria-label="Show all calls" onClick={() => update({ callId: null })}>
            ×
          </button>
        </span>
      )}
      <button className="icon-button" aria-pressed={paused} title="Pause the live view; recording continues" onClick={togglePause} data-testid="pause">
        {paused ? (
          <>
            ▶ <span className="button-label">Resume</span>
            {heldCount > 0 ? ` (${heldCount})` : ''}
          </>
        ) : (
          <>
            ❙❙ <span className="button-label">Pause</span>
          </>
        )}
      </button>
      <button
        className="icon-button"
        title="Clear every filter (Esc)"
        disabled={isEmptyFilter(filter)}
        onClick={() => {
          setText('');
          exchangesStore.getState().setFilter(EMPTY_FILTER);
        }}
      >
        ⌫ <span className="button-label">Clear</span>
      </button>
    </div>
  );
}
