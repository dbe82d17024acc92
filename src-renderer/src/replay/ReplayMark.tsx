import type { ExchangeSummary } from '../../../src-main/contract/exchange';
import './replay.css';

/** Renders a small ↻ marker on replays in the list and the call timeline, and nothing for other exchanges. */
export function ReplayMark({ exchange }: { exchange: Pick<ExchangeSummary, 'source' | 'replayOf' | 'edited' | 'signature'> }) {
  if (exchange.source !== 'replay') return null;

  const title = `Replay of #${exchange.replayOf ?? '?'}${exchange.edited ? ', edited' : ''}${exchange.signature === 'stale' ? ', signature stale' : ''}`;

  return (
    <span className={`replay-mark${exchange.signature === 'stale' ? ' stale' : ''}`} title={title} aria-label={title} data-testid="replay-mark">
      ↻{exchange.edited ? '✎' : ''}
    </span>
  );
}
