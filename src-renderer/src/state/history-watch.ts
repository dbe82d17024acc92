import type { PushEvent } from '../../../src-main/contract/api';

/** The newest id and count of the recorded history as the page last saw them, to notice deletions by any process. */
export interface HistoryMark {
  /** The highest exchange id seen in a push or a loaded page. */
  newestId: number | null;
  /** The exchange count of the last runtime report. */
  exchangeCount: number | null;
}

/** The kind of deletion seen: pruning by this core, or a clear after which ids start over. */
export type HistoryDeletion = 'pruned' | 'restarted' | null;

export const EMPTY_MARK: HistoryMark = { newestId: null, exchangeCount: null };

/**
 * Reads a batch of pushed events for signs that exchanges were deleted. The core pushes
 * `history-pruned` for its own pruning and clears. A clear by another process shows only as a new
 * exchange whose id is not above the newest one seen, or as a runtime count lower than the last.
 */
export function watchHistory(mark: HistoryMark, events: readonly PushEvent[]): { deletion: HistoryDeletion; mark: HistoryMark } {
  let deletion: HistoryDeletion = null;
  let { newestId, exchangeCount } = mark;

  for (const event of events) {
    if (event.kind === 'history-pruned') {
      deletion = event.report.reason === 'clear' || deletion === 'restarted' ? 'restarted' : 'pruned';
    } else if (event.kind === 'exchange-started') {
      if (newestId !== null && event.exchange.id <= newestId) deletion = 'restarted';
      newestId = newestId === null ? event.exchange.id : Math.max(newestId, event.exchange.id);
    } else if (event.kind === 'runtime') {
      if (exchangeCount !== null && event.runtime.exchangeCount < exchangeCount) deletion = deletion ?? 'pruned';
      exchangeCount = event.runtime.exchangeCount;
    }
  }

  // After ids start over, the newest id seen before no longer applies, and the reload sets it again.
  if (deletion === 'restarted') newestId = null;
  return { deletion, mark: { newestId, exchangeCount } };
}

/** Raises the mark to the newest id of a loaded page. */
export function markLoaded(mark: HistoryMark, newestLoadedId: number | undefined): HistoryMark {
  if (newestLoadedId === undefined) return mark;
  return { ...mark, newestId: mark.newestId === null ? newestLoadedId : Math.max(mark.newestId, newestLoadedId) };
}
