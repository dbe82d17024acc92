import type { TimelineEvent } from '../../../src-main/contract/inspector';
import { eventColor } from '../format/event-colors';
import { formatOffset } from '../format/format';
import { outcomeLook } from '../format/outcome';
import { ReplayMark } from '../replay/ReplayMark';
import { exchangesStore, useExchanges } from '../state/exchanges-store';

/** Every event of the call in arrival order, with its offset from the first event. */
export function EventTimeline({ events, hidePartials }: { events: TimelineEvent[]; hidePartials: boolean }) {
  const selectedId = useExchanges((state) => state.selectedId);
  const shown = hidePartials ? events.filter((event) => !event.partial) : events;

  return (
    <ol className="events" data-testid="call-events">
      {shown.map(({ exchange, offsetMs, headline }) => {
        const look = outcomeLook(exchange.outcome);
        return (
          <li key={exchange.id} className="event" aria-selected={exchange.id === selectedId} onClick={() => exchangesStore.getState().select(exchange.id)}>
            <span className="mono muted num">{formatOffset(offsetMs)}</span>
            <span className="event-dot" style={{ '--hue': eventColor(exchange.type).hue } as React.CSSProperties} aria-hidden="true" />
            <span className="event-text">
              <span>{exchange.type ?? 'not a Vapi event'}</span>
              <ReplayMark exchange={exchange} />{' '}
              {exchange.outcome !== 'forwarded' && <span className={`tone-${look.tone}`}>{`${look.symbol} ${look.label}`}</span>}
              {exchange.checks.length > 0 && <span className="warn-mark"> ⚠</span>}
              {headline !== null && <div className="event-headline" title={headline}>{headline}</div>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
