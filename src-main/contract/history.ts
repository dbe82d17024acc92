/** Why exchanges were deleted: a retention limit (age, calls or size) or a clear of the history. */
export type PruneReason = 'age' | 'calls' | 'size' | 'clear';

/** Counts of what one pruning pass or clear of the history deleted, and why. */
export interface PruneReport {
  reason: PruneReason;
  exchanges: number;
  calls: number;
}
