import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/** How often the background connection copies the write-ahead log into the database, in ms. */
const CHECKPOINT_INTERVAL_MS = 1_000;

/**
 * Pages the write-ahead log may hold before a writing connection checkpoints by itself, about
 * 40 MiB with 4 KiB pages. The limit only bounds the log if the background thread falls behind.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

// Runs in a worker thread with its own connection. SQLite's PASSIVE checkpoint does not wait for
// writers or readers, and the page copy and fsync it does happen off the main event loop.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.modulePath);
  db = new Database(workerData.file, workerData.nativeBinding === null ? {} : { nativeBinding: workerData.nativeBinding });
  db.pragma('busy_timeout = 0');
} catch (error) {
  parentPort.postMessage({ unavailable: String(error && error.message) });
  process.exit(0);
}
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/** A worker thread that checkpoints one database's write-ahead log in the background. */
export class BackgroundCheckpoint {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  /**
   * Starts checkpointing the file behind `db` and raises `db`'s own automatic checkpoint limit,
   * so the recording connection rarely stops to copy pages. `onError` gets each failed checkpoint.
   */
  constructor(db: Database, options: { nativeBinding?: string; onError?: (message: string) => void } = {}) {
    db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    const modulePath = createRequire(__filename).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: db.name, modulePath, nativeBinding: options.nativeBinding ?? null, intervalMs: CHECKPOINT_INTERVAL_MS },
    });
    const fallBack = (reason: string): void => {
      // Without the worker the recording connection checkpoints by itself again, as SQLite does by default.
      db.pragma('wal_autocheckpoint = 1000');
      options.onError?.(reason);
    };
    this.worker.on('message', (message: { failed?: string; unavailable?: string }) => {
      if (message.failed !== undefined) {
        options.onError?.(message.failed);
      }

      if (message.unavailable !== undefined) {
        fallBack(`cannot open the database on a worker thread (${message.unavailable})`);
      }
    });
    this.worker.on('error', (error) => {
      if (db.open) {
        fallBack(error.message);
      }
    });
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  /** Runs a last checkpoint, closes the worker's connection and waits for the thread to end. */
  async stop(): Promise<void> {
    // The worker is unreferenced while it runs; referenced again, it keeps the process alive until
    // it exits, so a caller's work after `stop` still runs when nothing else is pending.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}
