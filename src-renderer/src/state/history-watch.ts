import type { PushEvent } from '../../../src-main/contract/api';
import type { ExchangeSummary } from '../../../src-main/contract/exchange';

/** The newest id and count of the recorded history as the page last saw them, to notice deletions by any process. */
export interface HistoryMark {
  /** The highest exchange id seen in a push or a loaded page. */
  newestId: number | null;
  /** When the exchange with `newestId` arrived, in epoch ms. */
  newestReceivedAt: number | null;
  /** The exchange count of the last runtime report. */
  exchangeCount: number | null;
}

/** The kind of deletion seen: pruning by this core, or a clear after which ids start over. */
export type HistoryDeletion = 'pruned' | 'restarted' | null;

export const EMPTY_MARK: HistoryMark = { newestId: null, newestReceivedAt: null, exchangeCount: null };

/**
 * Reads a batch of pushed events for signs that exchanges were deleted. The core pushes
 * `history-pruned` for its own pruning and clears. A clear by another process shows only as a new
 * exchange that arrived after the newest one seen but has an id that is not above it, or as a
 * runtime count lower than the last. An exchange pushed after a loaded page already listed it has
 * an old arrival time, so it is not mistaken for a clear.
 */
export function watchHistory(mark: HistoryMark, events: readonly PushEvent[]): { deletion: HistoryDeletion; mark: HistoryMark } {
  let deletion: HistoryDeletion = null;
  let { newestId, newestReceivedAt, exchangeCount } = mark;

  for (const event of events) {
    if (event.kind === 'history-pruned') {
      deletion = event.report.reason === 'clear' || deletion === 'restarted' ? 'restarted' : 'pruned';
    } else if (event.kind === 'exchange-started') {
      const { id, receivedAt } = event.exchange;
      if (newestId !== null && id <= newestId && receivedAt > (newestReceivedAt ?? -Infinity)) deletion = 'restarted';
      if (newestId === null || id > newestId) {
        newestId = id;
        newestReceivedAt = receivedAt;
      }
    } else if (event.kind === 'runtime') {
      if (exchangeCount !== null && event.runtime.exchangeCount < exchangeCount) deletion = deletion ?? 'pruned';
      exchangeCount = event.runtime.exchangeCount;
    }
  }

  // After ids start over, the newest id seen before no longer applies, and the reload sets it again.
  if (deletion === 'restarted') {
    newestId = null;
    newestReceivedAt = null;
  }

  return { deletion, mark: { newestId, newestReceivedAt, exchangeCount } };
}

/** Raises the mark to the newest exchange of a loaded page. */
export function markLoaded(mark: HistoryMark, newestLoaded: ExchangeSummary | undefined): HistoryMark {
  if (newestLoaded === undefined || (mark.newestId !== null && mark.newestId >= newestLoaded.id)) return mark;
  return { ...mark, newestId: newestLoaded.id, newestReceivedAt: newestLoaded.receivedAt };
}
