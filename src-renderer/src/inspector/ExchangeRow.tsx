import { memo } from 'react';
import type { ExchangeSummary } from '../../../src-main/contract/exchange';
import { AuthBadge } from '../auth/AuthBadge';
import { eventColor } from '../format/event-colors';
import { formatClock, formatDuration } from '../format/format';
import { outcomeLook, statusText } from '../format/outcome';
import { ReplayMark } from '../replay/ReplayMark';
import { CopyableId } from '../shell/CopyableId';

/** The coloured `message.type` badge; steering events get a strong colour, the rest a muted one. */
export function TypeBadge({ type }: { type: string | null }) {
  const color = eventColor(type);
  const className = `badge ${color.steering ? 'steering' : 'muted-badge'}`;
  return (
    <span className={className} style={{ '--hue': color.hue } as React.CSSProperties}>
      {type ?? 'not a Vapi event'}
    </span>
  );
}

/** Status cell: an outcome symbol and word, never colour alone, plus the HTTP status. */
export function StatusCell({ exchange }: { exchange: ExchangeSummary }) {
  const look = outcomeLook(exchange.outcome);
  const word = exchange.outcome === 'forwarded' || exchange.status === null ? '' : ` ${look.label}`;
  return (
    <span className={`status tone-${look.tone}`} title={exchange.errorMessage ?? look.label}>
      <span aria-hidden="true">{look.symbol}</span>
      <span>
        {statusText(exchange)}
        {word}
      </span>
    </span>
  );
}

interface RowProps {
  exchange: ExchangeSummary;
  selected: boolean;
  top: number;
  onSelect(id: number): void;
}

/** One exchange in the live list. */
export const ExchangeRow = memo(function ExchangeRow({ exchange, selected, top, onSelect }: RowProps) {
  const tools = exchange.toolNames.join(', ');

  return (
    <div
      className="row"
      role="row"
      aria-selected={selected}
      data-id={exchange.id}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${top}px)` }}
      onClick={() => onSelect(exchange.id)}
    >
      <span className="mono muted" title={new Date(exchange.receivedAt).toISOString()}>
        {formatClock(exchange.receivedAt)}
      </span>
      <span className="event-cell">
        <TypeBadge type={exchange.type} />
        <ReplayMark exchange={exchange} />
        {exchange.checks.length > 0 && (
          <span className="warn-mark" title={exchange.checks.map((check) => check.message).join('\n')}>
            {' '}
            ⚠
          </span>
        )}{' '}
        <AuthBadge auth={exchange.auth} reason={exchange.authReason} hideUnchecked compact />
      </span>
      <CopyableId id={exchange.callId} label="call id" />
      <span className="mono" title={tools}>
        {tools}
      </span>
      <StatusCell exchange={exchange} />
      <span className="num mono">{formatDuration(exchange.durationMs)}</span>
    </div>
  );
});
