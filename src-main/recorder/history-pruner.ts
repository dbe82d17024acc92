import type { Database, Statement } from 'better-sqlite3';
import { ExpiredExchanges } from './expired-exchanges';

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

/**
 * Deletes old exchanges, their search rows and the calls left without exchanges, in batches the
 * caller sizes, and finds them through `ExpiredExchanges`. Authentication details go with their
 * exchange (ON DELETE CASCADE), and replays of a deleted exchange keep their row with `replay_of`
 * set to NULL.
 */
export class HistoryPruner {
  private readonly db: Database;
  private readonly selectIdsBetween: Statement;
  private readonly selectPendingIdsUpTo: Statement;
  private readonly selectIdBounds: Statement;
  private readonly selectUsedBytes: Statement;
  private readonly selectCallIdOf: Statement;
  private readonly deleteExchange: Statement;
  private readonly deletePendingExchange: Statement;
  private readonly deleteText: Statement;
  private readonly decrementCall: Statement;
  private readonly deleteEmptyCall: Statement;
  private readonly expired: ExpiredExchanges;

  constructor(db: Database) {
    this.db = db;
    this.selectIdsBetween = db.prepare('SELECT id FROM exchanges WHERE id > ? AND id <= ? ORDER BY id LIMIT ?');
    this.selectPendingIdsUpTo = db.prepare("SELECT id FROM exchanges WHERE outcome = 'pending' AND id <= ? ORDER BY id");
    this.selectIdBounds = db.prepare('SELECT min(id) AS low, max(id) AS high FROM exchanges');
    this.selectUsedBytes = db.prepare(
      'SELECT (page_count - freelist_count) * page_size AS bytes FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()',
    );
    this.selectCallIdOf = db.prepare('SELECT call_id FROM exchanges WHERE id = ?');
    this.deleteExchange = db.prepare('DELETE FROM exchanges WHERE id = ?');
    this.deletePendingExchange = db.prepare("DELETE FROM exchanges WHERE id = ? AND outcome = 'pending'");
    this.deleteText = db.prepare('DELETE FROM exchange_text WHERE rowid = ?');
    this.decrementCall = db.prepare('UPDATE calls SET exchange_count = exchange_count - ? WHERE call_id = ?');
    this.deleteEmptyCall = db.prepare('DELETE FROM calls WHERE call_id = ? AND exchange_count <= 0');
    this.expired = new ExpiredExchanges(db);
  }

  /** See `ExpiredExchanges.batch`. */
  expiredBatch(policy: RetentionPolicy, now: number, limit: number): ExpiredBatch | null {
    return this.expired.batch(policy, now, limit);
  }

  /** See `ExpiredExchanges.exchangesOverSize`. */
  exchangesOverSize(limitBytes: number): number {
    return this.expired.exchangesOverSize(limitBytes);
  }

  /** Returns the ids of up to `limit` exchanges after `afterId` and up to `maxId`, in any state, oldest first. */
  idsBetween(afterId: number, maxId: number, limit: number): number[] {
    return this.selectIdsBetween.pluck().all(afterId, maxId, limit) as number[];
  }

  /** Returns the ids of the exchanges up to `maxId` still waiting for the target. */
  pendingIdsUpTo(maxId: number): number[] {
    return this.selectPendingIdsUpTo.pluck().all(maxId) as number[];
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

  /**
   * Deletes the given exchanges, their search rows and calls left empty, in one IMMEDIATE
   * transaction, so a clear from another process waits for the recording thread's lock. With
   * `onlyPending`, an exchange that has finished since its id was read is kept.
   */
  delete(ids: readonly number[], options: { onlyPending?: boolean } = {}): DeletedCounts {
    const deleteExchange = options.onlyPending === true ? this.deletePendingExchange : this.deleteExchange;

    return this.db.transaction((): DeletedCounts => {
      const perCall = new Map<string, number>();
      let exchanges = 0;
      let calls = 0;

      for (const id of ids) {
        const callId = this.selectCallIdOf.pluck().get(id) as string | null | undefined;
        const deleted = deleteExchange.run(id).changes;

        if (deleted === 0) {
          continue;
        }

        exchanges += deleted;
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
    }).immediate();
  }
}
