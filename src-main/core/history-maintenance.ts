import type { Database } from 'better-sqlite3';
import type { PruneReport } from '../contract/history';
import type { Settings } from '../contract/settings';
import { BackgroundCheckpoint } from '../recorder/background-checkpoint';
import type { RetentionPolicy } from '../recorder/history-pruner';
import { nativeBindingOf } from '../recorder/open-database';
import type { Recorder } from '../recorder/thread/recorder';

function policyOf(settings: Settings): RetentionPolicy {
  return { keepCalls: settings.keepCalls, keepDays: settings.keepDays, keepMegabytes: settings.keepMegabytes };
}

/**
 * The recorder's background work while the engine runs: pruning the history to the retention
 * settings, which the recording thread does between its writes, and checkpointing the write-ahead
 * log on a thread of its own.
 */
export class HistoryMaintenance {
  private readonly db: Database;
  private readonly recorder: Recorder;
  private readonly onError: (error: unknown) => void;
  private checkpoint: BackgroundCheckpoint | null = null;

  constructor(db: Database, recorder: Recorder, onError: (error: unknown) => void) {
    this.db = db;
    this.recorder = recorder;
    this.onError = onError;
  }

  start(settings: Settings): void {
    this.recorder.setRetention(policyOf(settings));

    if (this.checkpoint === null && !this.db.memory && !this.db.readonly) {
      this.checkpoint = new BackgroundCheckpoint(this.db, {
        nativeBinding: nativeBindingOf(this.db),
        onError: (message) => this.onError(new Error(`Background checkpoint failed: ${message}`)),
      });
    }
  }

  /** Checks the history soon when a retention limit changed. */
  settingsChanged(previous: Settings, next: Settings): void {
    const before = policyOf(previous);
    const after = policyOf(next);

    if (before.keepCalls !== after.keepCalls || before.keepDays !== after.keepDays || before.keepMegabytes !== after.keepMegabytes) {
      this.recorder.setRetention(after);
    }
  }

  /** Deletes every finished exchange and the calls left empty; see `Recorder.clearHistory`. */
  clear(): Promise<PruneReport> {
    return this.recorder.clearHistory();
  }

  async stop(): Promise<void> {
    await this.checkpoint?.stop();
    this.checkpoint = null;
  }
}
