import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import type { CallSummary, ExchangeSummary } from '../../contract/exchange';
import { ExchangeWriter } from '../exchange-writer';
import { SUMMARY_COLUMNS, callFromRow, summaryFromRow, type CallRow, type ExchangeSummaryRow } from '../rows';
import type { RecordingOp, RecordingReply, RecordingRequest, RecordingThreadData } from './recording-protocol';
import { opBytes } from './recording-protocol';

/** An exchange whose request is recorded and whose result is still to come. */
interface OpenExchange {
  id: number;
  requestBody: Uint8Array;
}

/**
 * The recording thread's side: writes each batch from the main thread in one transaction on its
 * own connection, then reads back the summaries that listeners on the main thread receive.
 */
class RecordingSession {
  private readonly db: Database;
  private readonly writer: ExchangeWriter;
  private readonly selectSummary: Statement;
  private readonly selectCall: Statement;
  private readonly open = new Map<number, OpenExchange>();

  constructor(db: Database) {
    this.db = db;
    this.writer = new ExchangeWriter(db);
    this.selectSummary = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM exchanges WHERE id = ?`);
    this.selectCall = db.prepare('SELECT * FROM calls WHERE call_id = ?');
  }

  handle(request: RecordingRequest): RecordingReply | null {
    switch (request.kind) {
      case 'batch':
        return this.write(request.ops);
      case 'sync':
        this.writer.indexPending();
        return { kind: 'synced', ticket: request.ticket };
      case 'close':
        this.writer.indexPending();
        this.db.close();
        return null;
    }
  }

  private write(ops: readonly RecordingOp[]): RecordingReply {
    const startedIds: { key: number; id: number }[] = [];
    const finishedIds: { key: number; id: number }[] = [];
    const bytes = ops.reduce((total, op) => total + opBytes(op), 0);

    try {
      this.db.transaction(() => {
        for (const op of ops) {
          if (op.kind === 'insert') {
            const id = this.writer.insert(op.exchange);
            this.open.set(op.key, { id, requestBody: op.exchange.requestBody });
            startedIds.push({ key: op.key, id });
            continue;
          }

          // An exchange whose insert failed in an earlier batch has no row to finish.
          const exchange = this.open.get(op.key);

          if (exchange !== undefined) {
            this.writer.finish(exchange.id, exchange.requestBody, op.result);
            finishedIds.push({ key: op.key, id: exchange.id });
          }
        }
      })();
    } catch (error) {
      for (const { key } of startedIds) {
        this.open.delete(key);
      }

      for (const op of ops) {
        if (op.kind === 'finish') {
          this.open.delete(op.key);
        }
      }

      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null;
      const message = error instanceof Error ? error.message : String(error);
      return { kind: 'committed', started: [], finished: [], bytes, failure: { keys: ops.map((op) => op.key), message, code } };
    }

    for (const { key } of finishedIds) {
      this.open.delete(key);
    }

    // Retention or a clear on another connection may delete a row between the commit and this
    // read; its summary is then null.
    const started = startedIds.map(({ key, id }) => ({ key, summary: this.summary(id) }));
    const finished = finishedIds.map(({ key, id }) => {
      const summary = this.summary(id);
      return { key, summary, call: summary?.callId == null ? null : this.call(summary.callId) };
    });

    return { kind: 'committed', started, finished, bytes, failure: null };
  }

  private summary(id: number): ExchangeSummary | null {
    const row = this.selectSummary.get(id) as ExchangeSummaryRow | undefined;
    return row === undefined ? null : summaryFromRow(row);
  }

  private call(callId: string): CallSummary | null {
    const row = this.selectCall.get(callId) as CallRow | undefined;
    return row === undefined ? null : callFromRow(row);
  }
}

function openConnection(data: RecordingThreadData): Database {
  const db = new BetterSqlite3(data.file, data.nativeBinding === null ? {} : { nativeBinding: data.nativeBinding });
  db.pragma(`busy_timeout = ${data.busyTimeoutMs}`);
  // The main thread has already set WAL and migrated the schema; these two are per connection.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  return db;
}

function run(): void {
  const port = parentPort;

  if (port === null) {
    throw new Error('recording-worker runs only as a worker thread; the Recorder class starts it.');
  }

  let session: RecordingSession;

  try {
    session = new RecordingSession(openConnection(workerData as RecordingThreadData));
  } catch (error) {
    port.postMessage({ kind: 'unavailable', message: error instanceof Error ? error.message : String(error) } satisfies RecordingReply);
    port.close();
    return;
  }

  port.on('message', (request: RecordingRequest) => {
    const reply = session.handle(request);

    if (reply === null) {
      port.close();
      return;
    }

    port.postMessage(reply);
  });
}

run();
