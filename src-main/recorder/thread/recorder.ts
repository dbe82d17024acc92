import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import type { CallSummary, ExchangeSummary } from '../../contract/exchange';
import type { PruneReport } from '../../contract/history';
import type { RetentionPolicy } from '../history-pruner';
import { FALLBACK_AUTOCHECKPOINT_PAGES } from '../background-checkpoint';
import type { ExchangeResult } from '../exchange-writer';
import { startModuleWorker } from './module-worker';
import { opBytes, type BatchFailure, type ExchangeToRecord, type RecordingOp, type RecordingReply, type RecordingRequest, type RecordingThreadData } from './recording-protocol';

/**
 * Body bytes sent to the recording thread and not yet committed, past which new requests wait
 * before they are forwarded. It bounds memory when the disk is slower than the traffic.
 */
const DEFAULT_BACKLOG_LIMIT_BYTES = 32 * 1024 * 1024;

/**
 * How long an exchange may stay in flight before its `pending` row is written, in ms. Most
 * exchanges finish sooner and are written once, whole, instead of inserted and then updated.
 */
const PENDING_ROW_DELAY_MS = 100;

/**
 * How long writes gather before they go to the recording thread as one batch, in ms, unless
 * `BATCH_MAX_OPS` gather sooner. Larger batches cost the thread fewer commits per exchange.
 */
const BATCH_INTERVAL_MS = 10;
const BATCH_MAX_OPS = 256;

/** How long the recording thread waits for a lock held by another connection, in ms. */
const BUSY_TIMEOUT_MS = 5_000;

export interface RecorderEvents {
  'exchange-started': [exchange: ExchangeSummary];
  'exchange-finished': [exchange: ExchangeSummary];
  'call-updated': [call: CallSummary];
  /** A write failed; the exchanges it carried are not recorded, or stay `pending`. */
  'record-error': [error: Error];
  /** Retention or a clear deleted exchanges. */
  'history-pruned': [report: PruneReport];
  /** A retention check failed; recording goes on and the next check retries. */
  'history-error': [error: Error];
}

/** One exchange being recorded, from `begin` to `finish`. */
export interface Recording {
  readonly key: number;
}

/** An exchange from `begin` until its result is committed. */
interface OpenRecording {
  finished: ((summary: ExchangeSummary | null) => void) | null;
  /** The request until its pending row is queued, then null. */
  unwritten: ExchangeToRecord | null;
  timer: NodeJS.Timeout | null;
}

/** An error from the recording thread, with SQLite's code (such as SQLITE_FULL) when it gave one. */
export class RecordError extends Error {
  readonly code: string | null;

  constructor(message: string, code: string | null) {
    super(message);
    this.name = 'RecordError';
    this.code = code;
  }
}

/**
 * Records exchanges on a worker thread with its own database connection, so SQLite and the
 * search index never run on the thread that forwards live calls. Writes gather for 10 ms, then go
 * to the thread as one batch and are committed in one transaction. A request is
 * forwarded without waiting for its row, and its `pending` row is written only once it has been
 * in flight for 100 ms. A crash of the process therefore loses the exchanges of about the last
 * 110 ms, and the whole backlog when recording has fallen behind. Pending rows already written
 * become `interrupted` at the next start.
 */
export class Recorder extends EventEmitter<RecorderEvents> {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private readonly recordings = new Map<number, OpenRecording>();
  private readonly syncWaiters = new Map<number, () => void>();
  private readonly clearWaiters = new Map<number, { resolve: (report: PruneReport) => void; reject: (error: Error) => void }>();
  private queued: RecordingOp[] = [];
  private batchTimer: NodeJS.Timeout | null = null;
  private nextKey = 1;
  private nextTicket = 1;
  private backlogBytes = 0;
  private outstanding = 0;
  private roomWaiters: (() => void)[] = [];
  /** The reason the thread stopped, once it has. Later recordings then fail at once. */
  private stoppedReason: string | null = null;
  private closing = false;
  private readonly backlogLimitBytes: number;

  /**
   * Starts the recording thread on the database `file`, which must already be migrated.
   * `nativeBinding` is the better-sqlite3 build that the caller's connection uses.
   */
  constructor(file: string, options: { nativeBinding?: string; backlogLimitBytes?: number } = {}) {
    super();
    this.backlogLimitBytes = options.backlogLimitBytes ?? DEFAULT_BACKLOG_LIMIT_BYTES;
    // The engine's background checkpoint copies the log into the database, so commits on this
    // thread only checkpoint by themselves when that falls behind.
    const data: RecordingThreadData = {
      file,
      nativeBinding: options.nativeBinding ?? null,
      busyTimeoutMs: BUSY_TIMEOUT_MS,
      autocheckpointPages: FALLBACK_AUTOCHECKPOINT_PAGES,
    };
    this.worker = startModuleWorker('recording-worker', data);
    this.worker.unref();
    this.worker.on('message', (reply: RecordingReply) => this.onReply(reply));
    this.worker.on('error', (error) => this.stopRecording(`the recording thread failed (${error.message})`));
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', () => {
        if (!this.closing) {
          this.stopRecording('the recording thread exited');
        }

        resolve();
      });
    });
  }

  /** Starts recording a received request and returns at once. */
  begin(exchange: ExchangeToRecord): Recording {
    const key = this.nextKey++;

    if (this.stoppedReason !== null) {
      this.emit('record-error', new RecordError(this.stoppedMessage(), null));
      return { key };
    }

    const timer = setTimeout(() => this.writePendingRow(key), PENDING_ROW_DELAY_MS);
    timer.unref();
    this.recordings.set(key, { finished: null, unwritten: exchange, timer });
    return { key };
  }

  /** Queues the result of an exchange; resolves with its summary once committed, or null when it was not recorded. */
  finish(recording: Recording, result: ExchangeResult): Promise<ExchangeSummary | null> {
    const open = this.recordings.get(recording.key);

    if (open === undefined) {
      return Promise.resolve(null);
    }

    return new Promise((resolve) => {
      open.finished = resolve;

      if (open.unwritten === null) {
        this.queue({ kind: 'finish', key: recording.key, result });
        return;
      }

      this.clearTimer(open);
      this.queue({ kind: 'record', key: recording.key, exchange: open.unwritten, result });
      open.unwritten = null;
    });
  }

  /**
   * Resolves at once when the backlog is under its limit (null), or returns a promise that
   * resolves once it is. Callers wait on it before forwarding, so a slow disk slows the traffic
   * instead of filling memory.
   */
  roomForMore(): Promise<void> | null {
    if (this.backlogBytes < this.backlogLimitBytes) {
      return null;
    }

    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /**
   * Resolves once every exchange begun so far is committed, those still in flight as `pending`,
   * and every finished one is in the search index.
   */
  synced(): Promise<void> {
    if (this.stoppedReason !== null) {
      return Promise.resolve();
    }

    for (const key of this.recordings.keys()) {
      this.writePendingRow(key);
    }

    this.postQueued();
    const ticket = this.nextTicket++;
    return new Promise((resolve) => {
      this.syncWaiters.set(ticket, resolve);
      this.post({ kind: 'sync', ticket });
    });
  }

  /**
   * Applies retention limits on the recording thread, which deletes past them in small batches
   * between its writes. The first call starts the checks; later calls check again soon.
   */
  setRetention(policy: RetentionPolicy): void {
    if (this.stoppedReason === null) {
      this.post({ kind: 'retention', policy });
    }
  }

  /**
   * Deletes every finished exchange and the calls left without exchanges, after the writes queued
   * so far. Exchanges still in flight stay.
   */
  clearHistory(): Promise<PruneReport> {
    if (this.stoppedReason !== null) {
      return Promise.reject(new RecordError(this.stoppedMessage(), null));
    }

    this.postQueued();
    const ticket = this.nextTicket++;
    return new Promise((resolve, reject) => {
      this.clearWaiters.set(ticket, { resolve, reject });
      this.post({ kind: 'clear', ticket });
    });
  }

  /** Commits everything queued, closes the thread's connection and waits for the thread to end. */
  async close(): Promise<void> {
    if (this.closing) {
      return this.exited;
    }

    await this.synced();
    this.closing = true;
    this.worker.ref();
    this.post({ kind: 'close' });
    await this.exited;
  }

  /** Queues the `pending` row of an exchange still in flight, unless it is already queued. */
  private writePendingRow(key: number): void {
    const open = this.recordings.get(key);

    if (open === undefined || open.unwritten === null) {
      return;
    }

    this.clearTimer(open);
    this.queue({ kind: 'insert', key, exchange: open.unwritten });
    open.unwritten = null;
  }

  private clearTimer(open: OpenRecording): void {
    if (open.timer !== null) {
      clearTimeout(open.timer);
      open.timer = null;
    }
  }

  private queue(op: RecordingOp): void {
    this.queued.push(op);
    this.backlogBytes += opBytes(op);

    if (this.queued.length >= BATCH_MAX_OPS) {
      this.postQueued();
    } else if (this.batchTimer === null) {
      this.batchTimer = setTimeout(() => this.postQueued(), BATCH_INTERVAL_MS);
    }
  }

  private postQueued(): void {
    if (this.batchTimer !== null) {
      clearTimeout(this.batchTimer);
      this.batchTimer = null;
    }

    if (this.queued.length === 0) {
      return;
    }

    const ops = this.queued;
    this.queued = [];
    this.post({ kind: 'batch', ops });
  }

  private post(request: RecordingRequest): void {
    if (request.kind !== 'close' && request.kind !== 'retention') {
      this.outstanding += 1;
      // A referenced worker keeps the process alive until its writes are committed.
      this.worker.ref();
    }

    this.worker.postMessage(request);
  }

  private onReply(reply: RecordingReply): void {
    if (reply.kind === 'unavailable') {
      this.stopRecording(`the recording thread cannot open the database (${reply.message})`);
      return;
    }

    if (reply.kind === 'pruned') {
      this.emit('history-pruned', reply.report);
      return;
    }

    if (reply.kind === 'history-error') {
      this.emit('history-error', new Error(reply.message));
      return;
    }

    this.outstanding -= 1;

    if (this.outstanding === 0 && !this.closing) {
      this.worker.unref();
    }

    if (reply.kind === 'synced') {
      this.syncWaiters.get(reply.ticket)?.();
      this.syncWaiters.delete(reply.ticket);
      return;
    }

    if (reply.kind === 'cleared') {
      const waiter = this.clearWaiters.get(reply.ticket);
      this.clearWaiters.delete(reply.ticket);

      if (reply.report !== null) {
        waiter?.resolve(reply.report);
      } else {
        waiter?.reject(new RecordError(`Clearing the history failed: ${reply.error ?? 'unknown error'}`, reply.code));
      }

      return;
    }

    this.release(reply.bytes);

    if (reply.failure !== null) {
      this.fail(reply.failure);
    }

    for (const summary of reply.started) {
      this.emit('exchange-started', summary);
    }

    for (const { key, summary } of reply.finished) {
      this.recordings.get(key)?.finished?.(summary);
      this.recordings.delete(key);
      this.emit('exchange-finished', summary);
    }

    for (const call of reply.calls) {
      this.emit('call-updated', call);
    }
  }

  private fail(failure: BatchFailure): void {
    const error = new RecordError(`Writing to the database failed: ${failure.message}`, failure.code);

    for (const key of new Set(failure.keys)) {
      const open = this.recordings.get(key);

      if (open === undefined) {
        continue;
      }

      // A failed insert leaves nothing to finish; a failed finish leaves the row `pending`.
      this.recordings.delete(key);
      open.finished?.(null);
      this.emit('record-error', error);
    }
  }

  private release(bytes: number): void {
    this.backlogBytes -= bytes;

    if (this.backlogBytes < this.backlogLimitBytes) {
      const waiting = this.roomWaiters;
      this.roomWaiters = [];

      for (const resume of waiting) {
        resume();
      }
    }
  }

  /** Fails everything outstanding after the thread stopped; the proxy goes on without recording. */
  private stopRecording(reason: string): void {
    if (this.stoppedReason !== null) {
      return;
    }

    this.stoppedReason = reason;
    const error = new RecordError(this.stoppedMessage(), null);

    for (const open of this.recordings.values()) {
      this.clearTimer(open);
      open.finished?.(null);
      this.emit('record-error', error);
    }

    this.recordings.clear();
    this.queued = [];
    this.release(this.backlogBytes);

    for (const resume of this.syncWaiters.values()) {
      resume();
    }

    this.syncWaiters.clear();

    for (const waiter of this.clearWaiters.values()) {
      waiter.reject(error);
    }

    this.clearWaiters.clear();
  }

  private stoppedMessage(): string {
    return `Recording stopped because ${this.stoppedReason}. Requests are still forwarded but not recorded; restart Switchboard to record again.`;
  }
}
