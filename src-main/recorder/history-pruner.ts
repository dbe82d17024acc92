import type { Database, Statement } from 'better-sqlite3';

/** Retention limits for the recorded history. A null field sets no limit. */
export interface RetentionPolicy {
  keepCalls: number | null;
  keepDays: number | null;
  keepMegabytes: number | null;
}

/** Exchanges past a retention limit, oldest first, and which limit expired them. */
export interface ExpiredBatch {
  reason: 'age' | 'calls' | 'size';
  ids: number[];
}

/** Counts of deleted exchanges and calls. */
export interface DeletedCounts {
  exchanges: number;
  calls: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MIB = 1024 * 1024;

/**
 * Finds and deletes old exchanges, their search rows and the calls left without exchanges, in
 * batches the caller sizes. Exchanges still waiting for the target are never deleted.
 * Authentication details go with their exchange (ON DELETE CASCADE), and replays of a deleted
 * exchange keep their row with `replay_of` set to NULL.
 */
export class HistoryPruner {
  private readonly db: Database;
  private readonly selectOldestIds: Statement;
  private readonly selectOldestIdsWithPending: Statement;
  private readonly selectIdsOfCalls: Statement;
  private readonly selectCallsPastNewest: Statement;
  private readonly selectFirstIdOfCall: Statement;
  private readonly selectNoCallIdsBefore: Statement;
  private readonly selectReceivedAt: Statement;
  private readonly selectIdBounds: Statement;
  private readonly selectUsedBytes: Statement;
  private readonly selectCallIdOf: Statement;
  private readonly deleteExchange: Statement;
  private readonly deleteText: Statement;
  private readonly decrementCall: Statement;
  private readonly deleteEmptyCall: Statement;
  private readonly deleteCallWithoutExchanges: Statement;

  constructor(db: Database) {
    this.db = db;
    this.selectOldestIds = db.prepare("SELECT id FROM exchanges WHERE id <= ? AND outcome != 'pending' ORDER BY id LIMIT ?");
    this.selectOldestIdsWithPending = db.prepare('SELECT id FROM exchanges WHERE id <= ? ORDER BY id LIMIT ?');
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
    this.selectCallIdOf = db.prepare('SELECT call_id FROM exchanges WHERE id = ?');
    this.deleteExchange = db.prepare('DELETE FROM exchanges WHERE id = ?');
    this.deleteText = db.prepare('DELETE FROM exchange_text WHERE rowid = ?');
    this.decrementCall = db.prepare('UPDATE calls SET exchange_count = exchange_count - ? WHERE call_id = ?');
    this.deleteEmptyCall = db.prepare('DELETE FROM calls WHERE call_id = ? AND exchange_count <= 0');
    this.deleteCallWithoutExchanges = db.prepare('DELETE FROM calls WHERE call_id = ? AND NOT EXISTS (SELECT 1 FROM exchanges WHERE call_id = ?)');
  }

  /**
   * Up to `limit` exchanges that `policy` no longer keeps, oldest first, with the limit that
   * expired them; null when the history is within every limit. `now` is epoch milliseconds.
   */
  expiredBatch(policy: RetentionPolicy, now: number, limit: number): ExpiredBatch | null {
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
      const ids = this.idsUpTo(this.maxId(), Math.min(limit, this.exchangesOverSize(policy.keepMegabytes * MIB)));

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
    const used = this.usedBytes();
    const bounds = this.selectIdBounds.get() as { low: number | null; high: number | null };

    if (used <= limitBytes || bounds.low === null || bounds.high === null) {
      return 0;
    }

    // The id range replaces the row count, which would need a scan of a whole index. Pruning
    // removes the oldest ids, so the range has few gaps.
    const bytesPerExchange = used / (bounds.high - bounds.low + 1);
    return Math.ceil((used - limitBytes) / bytesPerExchange);
  }

  /**
   * Ids of up to `limit` exchanges with an id up to `maxId`, oldest first, for clearing the
   * history. Exchanges still waiting for the target are left out unless `includePending`.
   */
  idsUpTo(maxId: number, limit: number, includePending = false): number[] {
    return (includePending ? this.selectOldestIdsWithPending : this.selectOldestIds).pluck().all(maxId, limit) as number[];
  }

  /** Counts of recorded exchanges and calls; each scans an index, so this is for commands, not the recording path. */
  counts(): DeletedCounts {
    const exchanges = (this.db.prepare('SELECT count(*) AS n FROM exchanges').get() as { n: number }).n;
    const calls = (this.db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;
    return { exchanges, calls };
  }

  /** Returns the highest exchange id now, or 0 when the history is empty. */
  maxId(): number {
    return (this.selectIdBounds.get() as { high: number | null }).high ?? 0;
  }

  /** Bytes of the database file in use by tables and indexes; free pages left by deletions do not count. */
  usedBytes(): number {
    return (this.selectUsedBytes.get() as { bytes: number }).bytes;
  }

  /** Deletes the given exchanges, their search rows and calls left empty, in one transaction. */
  delete(ids: readonly number[]): DeletedCounts {
    return this.db.transaction((): DeletedCounts => {
      const perCall = new Map<string, number>();
      let exchanges = 0;
      let calls = 0;

      for (const id of ids) {
        const callId = this.selectCallIdOf.pluck().get(id) as string | null | undefined;
        exchanges += this.deleteExchange.run(id).changes;
        this.deleteText.run(id);

        if (typeof callId === 'string') {
          perCall.set(callId, (perCall.get(callId) ?? 0) + 1);
        }
      }

      for (const [callId, count] of perCall) {
        this.decrementCall.run(count, callId);
        calls += this.deleteEmptyCall.run(callId).changes;
      }

      return { exchanges, calls };
    })();
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

    return low <= bounds.low ? [] : this.idsUpTo(low - 1, limit);
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
      this.db.transaction(() => expiredCalls.forEach((callId) => this.deleteCallWithoutExchanges.run(callId, callId)))();
    }

    const oldestKept = this.selectCallsPastNewest.pluck().get(1, keepCalls - 1) as string | undefined;

    if (oldestKept === undefined) {
      return [];
    }

    const firstId = (this.selectFirstIdOfCall.get(oldestKept) as { id: number | null }).id;
    return firstId === null ? [] : (this.selectNoCallIdsBefore.pluck().all(firstId, limit) as number[]);
  }
}
