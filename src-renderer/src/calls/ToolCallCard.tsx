import type { ToolCallView } from '../../../src-main/contract/inspector';
import { formatDuration } from '../format/format';
import { outcomeLook } from '../format/outcome';
import { exchangesStore } from '../state/exchanges-store';

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** A tool call inline in the conversation: name, arguments, the result returned, timing and warnings. */
export function ToolCallCard({ call }: { call: ToolCallView }) {
  const look = call.outcome === null ? null : outcomeLook(call.outcome);
  const exchangeId = call.exchangeId;

  return (
    <div className="tool-card" data-testid="tool-call">
      <h4>
        <span>
          <span className="muted">tool</span> {call.name ?? 'unnamed tool'}
        </span>
        {look !== null && <span className={`tone-${look.tone}`}>{`${look.symbol} ${look.label}`}</span>}
        {call.durationMs !== null && <span className="muted num">{formatDuration(call.durationMs)}</span>}
        {exchangeId !== null && (
          <button className="icon-button" onClick={() => exchangesStore.getState().select(exchangeId)} title="Open the exchange in the detail pane">
            #{exchangeId}
          </button>
        )}
        {exchangeId === null && <span className="muted">not recorded here (sent to another server URL?)</span>}
      </h4>
      <div className="muted">arguments</div>
      <pre>{asText(call.arguments)}</pre>
      <div className="muted">{call.error === null ? 'result' : 'error'}</div>
      <pre>{call.error ?? call.result ?? (call.outcome === 'pending' ? 'waiting for the reply…' : '(no result for this tool call id)')}</pre>
      {call.warnings.map((warning) => (
        <div key={warning} className="warn-mark">
          ⚠ {warning}
        </div>
      ))}
    </div>
  );
}
