import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import type { CallSummary, ExchangeSummary } from '../../contract/exchange';
import { messageOf, systemErrorCode } from '../../core/errors';
import { ExchangeWriter } from '../exchange-writer';
import type { RetentionPolicy } from '../history-pruner';
import { RetentionRunner } from '../retention';
import { callFromRow, type CallRow } from '../rows';
import { checkedResult, completeExchange, parsedRequestOf, type CompletedExchange } from './complete-exchange';
import { summaryOfRecord } from './summary-of-record';
import { lowerThreadPriority } from './thread-priority';
import { opBytes, type RecordingOp, type RecordingReply, type RecordingRequest, type RecordingThreadData } from './recording-protocol';

/** An exchange whose request is recorded and whose result is still to come. */
interface OpenExchange {
  id: number;
  completed: CompletedExchange;
}

const NO_RETENTION: RetentionPolicy = { keepCalls: null, keepDays: null, keepMegabytes: null };

/**
 * The recording thread's side: writes each batch from the main thread in one transaction on its
 * own connection, then returns the summaries that listeners on the main thread receive. Retention
 * runs here too, so its deletions never wait for a lock held by the recording connection.
 */
class RecordingSession {
  private readonly db: Database;
  private readonly writer: ExchangeWriter;
  private readonly selectCall: Statement;
  private readonly open = new Map<number, OpenExchange>();
  private readonly post: (reply: RecordingReply) => void;
  private readonly retention: RetentionRunner;
  private policy = NO_RETENTION;
  private retentionStarted = false;

  constructor(db: Database, post: (reply: RecordingReply) => void) {
    this.db = db;
    this.post = post;
    this.writer = new ExchangeWriter(db);
    this.selectCall = db.prepare('SELECT * FROM calls WHERE call_id = ?');
    this.retention = new RetentionRunner(db, () => this.policy, {
      onPruned: (report) => post({ kind: 'pruned', report }),
      onError: (error) => post({ kind: 'history-error', message: messageOf(error) }),
    });
  }

  /** Handles one request; resolves once a `close` has closed the connection, and at once otherwise. */
  async handle(request: RecordingRequest): Promise<void> {
    switch (request.kind) {
      case 'batch':
        this.post(this.write(request.ops));
        return;
      case 'sync':
        this.writer.indexPending();
        this.post({ kind: 'synced', ticket: request.ticket });
        return;
      case 'retention':
        this.applyRetention(request.policy);
        return;
      case 'clear':
        this.clear(request.ticket);
        return;
      case 'close':
        await this.retention.stop();
        this.writer.indexPending();
        this.db.close();
        return;
    }
  }

  private applyRetention(policy: RetentionPolicy): void {
    this.policy = policy;

    if (this.retentionStarted) {
      this.retention.checkSoon();
      return;
    }

    this.retentionStarted = true;
    this.retention.start();
  }

  private clear(ticket: number): void {
    this.retention.clear().then(
      (report) => this.post({ kind: 'cleared', ticket, report, error: null, code: null }),
      (error: unknown) => this.post({ kind: 'cleared', ticket, report: null, error: messageOf(error), code: systemErrorCode(error) ?? null }),
    );
  }

  private write(ops: readonly RecordingOp[]): RecordingReply {
    const started: ExchangeSummary[] = [];
    const finished: { key: number; summary: ExchangeSummary }[] = [];
    const bytes = ops.reduce((total, op) => total + opBytes(op), 0);

    try {
      this.db.transaction(() => {
        for (const op of ops) {
          if (op.kind === 'insert') {
            const completed = completeExchange(op.exchange);
            const id = this.writer.insert(completed.exchange);
            this.open.set(op.key, { id, completed });
            started.push(summaryOfRecord(id, completed.exchange, null));
            continue;
          }

          if (op.kind === 'record') {
            const completed = completeExchange(op.exchange);
            const result = checkedResult(completed, op.result);
            const id = this.writer.insert(completed.exchange, result, parsedRequestOf(completed));
            started.push(summaryOfRecord(id, completed.exchange, null));
            finished.push({ key: op.key, summary: summaryOfRecord(id, completed.exchange, result) });
            continue;
          }

          // An exchange whose insert failed in an earlier batch has no row to finish.
          const open = this.open.get(op.key);

          if (open !== undefined) {
            const result = checkedResult(open.completed, op.result);
            const parsed = parsedRequestOf(open.completed);
            let id = open.id;

            // `switchboard clear` in another process deletes pending rows too; the exchange is then
            // written again, whole, under a new id.
            if (!this.writer.finish(id, open.completed.exchange, result, parsed)) {
              id = this.writer.insert(open.completed.exchange, result, parsed);
            }

            finished.push({ key: op.key, summary: summaryOfRecord(id, open.completed.exchange, result) });
          }
        }
      }).immediate();
    } catch (error) {
      for (const op of ops) {
        this.open.delete(op.key);
      }

      const failure = { keys: ops.map((op) => op.key), message: messageOf(error), code: systemErrorCode(error) ?? null };
      return { kind: 'committed', started: [], finished: [], calls: [], bytes, failure };
    }

    for (const { key } of finished) {
      this.open.delete(key);
    }

    return { kind: 'committed', started, finished, calls: this.calls([...started, ...finished.map(({ summary }) => summary)]), bytes, failure: null };
  }

  /** Reads the calls of the written exchanges as committed, each call once. */
  private calls(written: readonly ExchangeSummary[]): CallSummary[] {
    const callIds = new Set(written.flatMap((summary) => (summary.callId === null ? [] : [summary.callId])));
    const calls: CallSummary[] = [];

    for (const callId of callIds) {
      const row = this.selectCall.get(callId) as CallRow | undefined;

      if (row !== undefined) {
        calls.push(callFromRow(row));
      }
    }

    return calls;
  }
}

function openConnection(data: RecordingThreadData): Database {
  const db = new BetterSqlite3(data.file, data.nativeBinding === null ? {} : { nativeBinding: data.nativeBinding });
  db.pragma(`busy_timeout = ${data.busyTimeoutMs}`);
  // The main thread has already set WAL and migrated the schema; these two are per connection.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`wal_autocheckpoint = ${data.autocheckpointPages}`);
  return db;
}

function run(): void {
  const port = parentPort;

  if (port === null) {
    throw new Error('recording-worker runs only as a worker thread; the Recorder class starts it.');
  }

  lowerThreadPriority();
  let session: RecordingSession;
  const post = (reply: RecordingReply): void => port.postMessage(reply);

  try {
    session = new RecordingSession(openConnection(workerData as RecordingThreadData), post);
  } catch (error) {
    post({ kind: 'unavailable', message: messageOf(error) });
    port.close();
    return;
  }

  port.on('message', (request: RecordingRequest) => {
    void session.handle(request).then(() => {
      if (request.kind === 'close') {
        port.close();
      }
    });
  });
}

run();
