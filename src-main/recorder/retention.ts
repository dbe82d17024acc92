import { performance } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3';
import type { PruneReport } from '../contract/history';
import { HistoryPruner, type DeletedCounts, type ExpiredBatch, type RetentionPolicy } from './history-pruner';

/** How often the history is checked against the retention limits, in ms. */
const PRUNE_INTERVAL_MS = 60_000;
/** Delay before the first check after start or a settings change, in ms. */
const FIRST_CHECK_DELAY_MS = 2_000;
/** Pause between two deletion batches, in ms, so recording gets the event loop about half the time or more. */
const PAUSE_BETWEEN_BATCHES_MS = 10;
/** Batch sizes adapt toward this duration, in ms, so one batch delays a request by about that long. */
const BATCH_TARGET_MS = 8;
const MIN_BATCH = 10;
const MAX_BATCH = 2_000;

export interface RetentionListener {
  onPruned?(report: PruneReport): void;
  onError?(error: unknown): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Keeps the recorded history within the limits of a retention policy. A check runs shortly after
 * `start`, every minute after that, and soon after `checkSoon`. It deletes the oldest exchanges in
 * small transactions with pauses between them, so recording on the same connection goes on.
 */
export class RetentionRunner {
  private readonly pruner: HistoryPruner;
  private readonly policy: () => RetentionPolicy;
  private readonly listener: RetentionListener;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;
  /** Set by `stop`, so a long deletion ends at the next batch instead of holding up shutdown. */
  private closing = false;
  private batchSize = 100;

  constructor(db: Database, policy: () => RetentionPolicy, listener: RetentionListener = {}) {
    this.pruner = new HistoryPruner(db);
    this.policy = policy;
    this.listener = listener;
  }

  start(): void {
    this.stopped = false;
    this.closing = false;
    this.schedule(FIRST_CHECK_DELAY_MS);
  }

  /** Runs a check soon, such as after the limits changed. */
  checkSoon(): void {
    if (!this.stopped) {
      this.schedule(FIRST_CHECK_DELAY_MS);
    }
  }

  /** Stops checking and waits for a batch in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.closing = true;

    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }

    await this.running.catch(() => undefined);
  }

  /** Deletes everything past the limits now; resolves with what went, per limit that expired it. */
  pruneNow(): Promise<PruneReport[]> {
    const work = this.running.catch(() => undefined).then(() => this.prune());
    this.running = work;
    return work;
  }

  /**
   * Deletes every exchange recorded so far and every call left without exchanges. Exchanges that
   * arrive meanwhile stay, and so do the ones waiting for the target when the clear starts, even
   * once they finish during it. With `includePending`, those still waiting when the clear ends go
   * too: leftovers of a Switchboard that stopped abruptly, or exchanges of one recording now, which
   * writes them again, whole, when they finish.
   */
  clear(options: { includePending?: boolean } = {}): Promise<PruneReport> {
    // The newest id and the exchanges in flight now mark what "recorded so far" means, before any
    // wait for a running check.
    const maxId = this.pruner.maxId();
    const inFlight = this.pruner.pendingIdsUpTo(maxId);
    const work = this.running.catch(() => undefined).then(async () => {
      const total = await this.deleteInBatches(this.finishedPagesUpTo(maxId, new Set(inFlight)), Number.POSITIVE_INFINITY, true);

      if (options.includePending === true && !this.closing) {
        const leftovers = this.pruner.delete(inFlight, { onlyPending: true });
        total.exchanges += leftovers.exchanges;
        total.calls += leftovers.calls;
      }

      const report: PruneReport = { reason: 'clear', ...total };
      this.listener.onPruned?.(report);
      return report;
    });
    this.running = work;
    return work;
  }

  /**
   * Returns a `nextIds` for `deleteInBatches` that pages through the ids up to `maxId` by key and
   * leaves out `inFlight`, so an exchange that finishes during the clear is not taken for an old one.
   */
  private finishedPagesUpTo(maxId: number, inFlight: ReadonlySet<number>): (limit: number) => number[] {
    let afterId = 0;

    return (limit) => {
      for (;;) {
        const page = this.pruner.idsBetween(afterId, maxId, limit);

        if (page.length === 0) {
          return [];
        }

        afterId = page[page.length - 1] as number;
        const ids = page.filter((id) => !inFlight.has(id));

        if (ids.length > 0) {
          return ids;
        }
      }
    };
  }

  private schedule(delayMs: number): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
    }

    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pruneNow()
        .catch((error: unknown) => this.listener.onError?.(error))
        .finally(() => {
          if (!this.stopped && this.timer === null) {
            this.schedule(PRUNE_INTERVAL_MS);
          }
        });
    }, delayMs);
    this.timer.unref();
  }

  private async prune(): Promise<PruneReport[]> {
    const policy = this.policy();
    const reports: PruneReport[] = [];

    for (const reason of ['age', 'calls', 'size'] as const) {
      const only = onlyLimit(policy, reason);

      if (only === null) {
        continue;
      }

      // Deleted rows free their pages only as the search index merges, so the size estimate taken
      // at the start caps this cycle. The next cycle measures again.
      const cap = reason === 'size' ? this.pruner.exchangesOverSize((policy.keepMegabytes as number) * 1024 * 1024) : Number.POSITIVE_INFINITY;
      const total = await this.deleteInBatches((limit) => this.pruner.expiredBatch(only, Date.now(), limit)?.ids ?? [], cap);

      if (total.exchanges > 0 || total.calls > 0) {
        const report: PruneReport = { reason, ...total };
        reports.push(report);
        this.listener.onPruned?.(report);
      }
    }

    return reports;
  }

  /**
   * Deletes the batches `nextIds` returns until it returns none, `cap` exchanges are gone, or `stop`
   * is called. A batch that deletes nothing ends a prune, whose `nextIds` would return the same ids
   * again. With `pagesByKey`, each call returns ids after the previous ones, so rows that another
   * connection deleted first are skipped instead.
   */
  private async deleteInBatches(nextIds: (limit: number) => number[], cap: number, pagesByKey = false): Promise<DeletedCounts> {
    const total: DeletedCounts = { exchanges: 0, calls: 0 };

    while (total.exchanges < cap && !this.closing) {
      const ids = nextIds(Math.min(this.batchSize, cap - total.exchanges));

      if (ids.length === 0) {
        break;
      }

      const started = performance.now();
      const deleted = this.pruner.delete(ids);
      this.resizeBatch(performance.now() - started);
      total.exchanges += deleted.exchanges;
      total.calls += deleted.calls;

      if (deleted.exchanges === 0 && !pagesByKey) {
        break;
      }

      await sleep(PAUSE_BETWEEN_BATCHES_MS);
    }

    return total;
  }

  private resizeBatch(elapsedMs: number): void {
    if (elapsedMs < BATCH_TARGET_MS / 2) {
      this.batchSize = Math.min(MAX_BATCH, this.batchSize * 2);
    } else if (elapsedMs > BATCH_TARGET_MS * 2) {
      this.batchSize = Math.max(MIN_BATCH, Math.floor(this.batchSize / 2));
    }
  }
}

/** Returns the policy with only the limit named by `reason`, or null when that limit is off. */
function onlyLimit(policy: RetentionPolicy, reason: ExpiredBatch['reason']): RetentionPolicy | null {
  const none: RetentionPolicy = { keepCalls: null, keepDays: null, keepMegabytes: null };

  switch (reason) {
    case 'age':
      return policy.keepDays === null ? null : { ...none, keepDays: policy.keepDays };
    case 'calls':
      return policy.keepCalls === null ? null : { ...none, keepCalls: policy.keepCalls };
    case 'size':
      return policy.keepMegabytes === null ? null : { ...none, keepMegabytes: policy.keepMegabytes };
  }
}
