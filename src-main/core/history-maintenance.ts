import type { Database } from 'better-sqlite3';
import type { Settings } from '../contract/settings';
import { BackgroundCheckpoint } from '../recorder/background-checkpoint';
import type { RetentionPolicy } from '../recorder/history-pruner';
import { nativeBindingOf } from '../recorder/open-database';
import type { PruneReport } from '../contract/history';
import { RetentionRunner } from '../recorder/retention';

export interface HistoryMaintenanceListener {
  onPruned(report: PruneReport): void;
  onError(error: unknown): void;
}

function policyOf(settings: Settings): RetentionPolicy {
  return { keepCalls: settings.keepCalls, keepDays: settings.keepDays, keepMegabytes: settings.keepMegabytes };
}

/**
 * The recorder's background work while the engine runs: pruning the history to the retention
 * settings, and checkpointing the write-ahead log on a worker thread.
 */
export class HistoryMaintenance {
  private readonly db: Database;
  private readonly retention: RetentionRunner;
  private readonly listener: HistoryMaintenanceListener;
  private checkpoint: BackgroundCheckpoint | null = null;

  constructor(db: Database, settings: () => Settings, listener: HistoryMaintenanceListener) {
    this.db = db;
    this.listener = listener;
    this.retention = new RetentionRunner(db, () => policyOf(settings()), listener);
  }

  start(): void {
    this.retention.start();

    if (this.checkpoint === null && !this.db.memory && !this.db.readonly) {
      this.checkpoint = new BackgroundCheckpoint(this.db, {
        nativeBinding: nativeBindingOf(this.db),
        onError: (message) => this.listener.onError(new Error(`Background checkpoint failed: ${message}`)),
      });
    }
  }

  /** Checks the history soon when a retention limit changed. */
  settingsChanged(previous: Settings, next: Settings): void {
    const before = policyOf(previous);
    const after = policyOf(next);

    if (before.keepCalls !== after.keepCalls || before.keepDays !== after.keepDays || before.keepMegabytes !== after.keepMegabytes) {
      this.retention.checkSoon();
    }
  }

  /** Deletes every finished exchange and the calls left empty; see `RetentionRunner.clear`. */
  clear(): Promise<PruneReport> {
    return this.retention.clear();
  }

  /** Deletes whatever is past the retention limits now, without waiting for the next check. */
  pruneNow(): Promise<PruneReport[]> {
    return this.retention.pruneNow();
  }

  async stop(): Promise<void> {
    await this.retention.stop();
    await this.checkpoint?.stop();
    this.checkpoint = null;
  }
}
