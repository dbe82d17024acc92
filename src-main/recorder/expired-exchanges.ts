import type { Database, Statement } from 'better-sqlite3';
import type { ExpiredBatch, RetentionPolicy } from './history-pruner';

const DAY_MS = 24 * 60 * 60 * 1000;
const MIB = 1024 * 1024;

/**
 * Finds the exchanges a retention policy no longer keeps, oldest first, with index lookups only,
 * so a check on a large history stays short. Exchanges still waiting for the target never expire.
 */
export class ExpiredExchanges {
  private readonly db: Database;
  private readonly selectOldestIds: Statement;
  private readonly selectIdsOfCalls: Statement;
  private readonly selectCallsPastNewest: Statement;
  private readonly selectFirstIdOfCall: Statement;
  private readonly selectNoCallIdsBefore: Statement;
  private readonly selectReceivedAt: Statement;
  private readonly selectIdBounds: Statement;
  private readonly selectUsedBytes: Statement;
  private readonly deleteCallWithoutExchanges: Statement;

  constructor(db: Database) {
    this.db = db;
    this.selectOldestIds = db.prepare("SELECT id FROM exchanges WHERE id <= ? AND outcome != 'pending' ORDER BY id LIMIT ?");
    this.selectIdsOfCalls = db.prepare(
      "SELECT id FROM exchanges WHERE call_id IN (SELECT value FROM json_each(?)) AND outcome != 'pending' ORDER BY id LIMIT ?",
    );
    this.selectCallsPastNewest = db.prepare('SELECT call_id FROM calls ORDER BY last_seen_at DESC LIMIT ? OFFSET ?');
    this.selectFirstIdOfCall = db.prepare('SELECT min(id) AS id FROM exchanges WHERE call_id = ?');
    this.selectNoCallIdsBefore = db.prepare("SELECT id FROM exchanges WHERE call_id IS NULL AND id < ? AND outcome != 'pending' ORDER BY id LIMIT ?");
    this.selectReceivedAt = db.prepare('SELECT received_at FROM exchanges WHERE id >= ? ORDER BY id LIMIT 1');
    this.selectIdBounds = db.prepare('SELECT min(id) AS low, max(id) AS high FROM exchanges');
    this.selectUsedBytes = db.prepare(
      'SELECT (page_count - freelist_count) * page_size AS bytes FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()',
    );
    this.deleteCallWithoutExchanges = db.prepare('DELETE FROM calls WHERE call_id = ? AND NOT EXISTS (SELECT 1 FROM exchanges WHERE call_id = ?)');
  }

  /**
   * Returns up to `limit` exchanges that `policy` no longer keeps, oldest first, with the limit
   * that expired them. Returns null when the history is within every limit. `now` is epoch ms.
   */
  batch(policy: RetentionPolicy, now: number, limit: number): ExpiredBatch | null {
    if (policy.keepDays !== null) {
      const ids = this.idsReceivedBefore(now - policy.keepDays * DAY_MS, limit);

      if (ids.length > 0) {
        return { reason: 'age', ids };
      }
    }

    if (policy.keepCalls !== null) {
      const ids = this.idsOfOlderCalls(policy.keepCalls, limit);

      if (ids.length > 0) {
        return { reason: 'calls', ids };
      }
    }

    if (policy.keepMegabytes !== null) {
      const ids = this.oldestIds(Math.min(limit, this.exchangesOverSize(policy.keepMegabytes * MIB)));

      if (ids.length > 0) {
        return { reason: 'size', ids };
      }
    }

    return null;
  }

  /**
   * Estimates how many of the oldest exchanges to delete to bring the data in use under
   * `limitBytes`, from the average size of an exchange. Returns 0 when it is under already.
   */
  exchangesOverSize(limitBytes: number): number {
    const used = (this.selectUsedBytes.get() as { bytes: number }).bytes;
    const bounds = this.selectIdBounds.get() as { low: number | null; high: number | null };

    if (used <= limitBytes || bounds.low === null || bounds.high === null) {
      return 0;
    }

    // The id range replaces the row count, which would need a scan of a whole index. Pruning
    // removes the oldest ids, so the range has few gaps.
    const bytesPerExchange = used / (bounds.high - bounds.low + 1);
    return Math.ceil((used - limitBytes) / bytesPerExchange);
  }

  private oldestIds(limit: number): number[] {
    const high = (this.selectIdBounds.get() as { high: number | null }).high ?? 0;
    return this.selectOldestIds.pluck().all(high, limit) as number[];
  }

  /**
   * Exchanges received before `cutoff`. `received_at` has no index, so this relies on ids rising
   * with arrival time and binary-searches the id range for the last exchange before the cutoff.
   */
  private idsReceivedBefore(cutoff: number, limit: number): number[] {
    const bounds = this.selectIdBounds.get() as { low: number | null; high: number | null };

    if (bounds.low === null || bounds.high === null) {
      return [];
    }

    // NOTE: a system clock set back while recording breaks the ordering this search relies on.
    // Exchanges then expire in id order, a few of them out of place.
    let low = bounds.low;
    let high = bounds.high + 1;

    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const receivedAt = this.selectReceivedAt.pluck().get(middle) as number | undefined;

      if (receivedAt !== undefined && receivedAt < cutoff) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }

    return low <= bounds.low ? [] : (this.selectOldestIds.pluck().all(low - 1, limit) as number[]);
  }

  /** Exchanges of calls older than the `keepCalls` most recently active, and call-less ones received before those calls. */
  private idsOfOlderCalls(keepCalls: number, limit: number): number[] {
    const expiredCalls = this.selectCallsPastNewest.pluck().all(limit, keepCalls) as string[];

    if (expiredCalls.length > 0) {
      const ids = this.selectIdsOfCalls.pluck().all(JSON.stringify(expiredCalls), limit) as number[];

      if (ids.length > 0) {
        return ids;
      }

      // These calls have no finished exchanges left, so only their rows remain to drop.
      this.db.transaction(() => expiredCalls.forEach((callId) => this.deleteCallWithoutExchanges.run(callId, callId))).immediate();
    }

    const oldestKept = this.selectCallsPastNewest.pluck().get(1, keepCalls - 1) as string | undefined;

    if (oldestKept === undefined) {
      return [];
    }

    const firstId = (this.selectFirstIdOfCall.get(oldestKept) as { id: number | null }).id;
    return firstId === null ? [] : (this.selectNoCallIdsBefore.pluck().all(firstId, limit) as number[]);
  }
}
