import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import type { CallSummary, ExchangeSummary } from '../../contract/exchange';
import { FALLBACK_AUTOCHECKPOINT_PAGES } from '../background-checkpoint';
import type { ExchangeResult, NewExchange } from '../exchange-writer';
import { startModuleWorker } from './module-worker';
import { opBytes, type BatchFailure, type RecordingOp, type RecordingReply, type RecordingRequest, type RecordingThreadData } from './recording-protocol';

/**
 * Body bytes sent to the recording thread and not yet committed, past which new requests wait
 * before they are forwarded. It bounds memory when the disk is slower than the traffic.
 */
const DEFAULT_BACKLOG_LIMIT_BYTES = 128 * 1024 * 1024;

/** How long the recording thread waits for a lock held by another connection, in ms. */
const BUSY_TIMEOUT_MS = 5_000;

export interface RecorderEvents {
  'exchange-started': [exchange: ExchangeSummary];
  'exchange-finished': [exchange: ExchangeSummary];
  'call-updated': [call: CallSummary];
  /** A write failed; the exchanges it carried are not recorded, or stay `pending`. */
  'record-error': [error: Error];
}

/** One exchange being recorded. */
export interface Recording {
  readonly key: number;
  /** Resolves with the recorded request once it is committed, or with null when it could not be recorded. */
  readonly started: Promise<ExchangeSummary | null>;
}

interface Waiters {
  started: (summary: ExchangeSummary | null) => void;
  finished: ((summary: ExchangeSummary | null) => void) | null;
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
 * search index never run on the thread that forwards live calls. The writes of one event-loop
 * turn go to the thread as one batch and are committed in one transaction. A request is
 * forwarded without waiting for its row: a crash of the process loses the exchanges of at most
 * the last batches in flight, and rows already written but unfinished become `interrupted` at
 * the next start.
 */
export class Recorder extends EventEmitter<RecorderEvents> {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private readonly waiters = new Map<number, Waiters>();
  private readonly syncWaiters = new Map<number, () => void>();
  private queued: RecordingOp[] = [];
  private postScheduled = false;
  private nextKey = 1;
  private nextTicket = 1;
  private backlogBytes = 0;
  private outstanding = 0;
  private roomWaiters: (() => void)[] = [];
  /** Why the thread stopped, once it has; later recordings then fail at once. */
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

  /** Queues a received request for recording and returns at once. */
  begin(exchange: NewExchange): Recording {
    const key = this.nextKey++;
    let resolveStarted: (summary: ExchangeSummary | null) => void = () => undefined;
    const started = new Promise<ExchangeSummary | null>((resolve) => {
      resolveStarted = resolve;
    });

    if (this.stoppedReason !== null) {
      this.emit('record-error', new RecordError(this.stoppedMessage(), null));
      resolveStarted(null);
      return { key, started };
    }

    this.waiters.set(key, { started: resolveStarted, finished: null });
    this.queue({ kind: 'insert', key, exchange });
    return { key, started };
  }

  /** Queues the result of an exchange; resolves with its summary once committed, or null when it was not recorded. */
  finish(recording: Recording, result: ExchangeResult): Promise<ExchangeSummary | null> {
    const waiters = this.waiters.get(recording.key);

    if (waiters === undefined) {
      return Promise.resolve(null);
    }

    return new Promise((resolve) => {
      waiters.finished = resolve;
      this.queue({ kind: 'finish', key: recording.key, result });
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

  /** Resolves once everything queued so far is committed and in the search index. */
  synced(): Promise<void> {
    if (this.stoppedReason !== null) {
      return Promise.resolve();
    }

    this.postQueued();
    const ticket = this.nextTicket++;
    return new Promise((resolve) => {
      this.syncWaiters.set(ticket, resolve);
      this.post({ kind: 'sync', ticket });
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

  private queue(op: RecordingOp): void {
    this.queued.push(op);
    this.backlogBytes += opBytes(op);

    if (!this.postScheduled) {
      this.postScheduled = true;
      setImmediate(() => this.postQueued());
    }
  }

  private postQueued(): void {
    this.postScheduled = false;

    if (this.queued.length === 0) {
      return;
    }

    const ops = this.queued;
    this.queued = [];
    this.post({ kind: 'batch', ops });
  }

  private post(request: RecordingRequest): void {
    if (request.kind !== 'close') {
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

    this.outstanding -= 1;

    if (this.outstanding === 0 && !this.closing) {
      this.worker.unref();
    }

    if (reply.kind === 'synced') {
      this.syncWaiters.get(reply.ticket)?.();
      this.syncWaiters.delete(reply.ticket);
      return;
    }

    this.release(reply.bytes);

    if (reply.failure !== null) {
      this.fail(reply.failure);
    }

    for (const { key, summary } of reply.started) {
      this.waiters.get(key)?.started(summary);
      this.emit('exchange-started', summary);
    }

    for (const { key, summary } of reply.finished) {
      this.waiters.get(key)?.finished?.(summary);
      this.waiters.delete(key);
      this.emit('exchange-finished', summary);
    }

    for (const call of reply.calls) {
      this.emit('call-updated', call);
    }
  }

  private fail(failure: BatchFailure): void {
    const error = new RecordError(`Writing to the database failed: ${failure.message}`, failure.code);

    for (const key of new Set(failure.keys)) {
      const waiters = this.waiters.get(key);

      if (waiters === undefined) {
        continue;
      }

      // A failed insert leaves nothing to finish; a failed finish leaves the row `pending`.
      this.waiters.delete(key);
      waiters.started(null);
      waiters.finished?.(null);
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

    for (const waiters of this.waiters.values()) {
      waiters.started(null);
      waiters.finished?.(null);
      this.emit('record-error', error);
    }

    this.waiters.clear();
    this.queued = [];
    this.release(this.backlogBytes);

    for (const resume of this.syncWaiters.values()) {
      resume();
    }

    this.syncWaiters.clear();
  }

  private stoppedMessage(): string {
    return `Recording stopped because ${this.stoppedReason}. Requests are still forwarded but not recorded; restart Switchboard to record again.`;
  }
}
