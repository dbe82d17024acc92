import type { CallSummary, ExchangeSummary } from '../../contract/exchange';
import type { PruneReport } from '../../contract/history';
import type { ExchangeResult, NewExchange } from '../exchange-writer';
import type { RetentionPolicy } from '../history-pruner';

/**
 * A received request as the main thread hands it over. Without `fields` and `callFacts`, the
 * recording thread parses the body for them and checks the reply itself.
 */
export type ExchangeToRecord = Omit<NewExchange, 'fields' | 'callFacts'> & Partial<Pick<NewExchange, 'fields' | 'callFacts'>>;

/**
 * One write for the recording thread. `key` names the exchange until the thread has assigned its
 * row id, so the main thread never waits for an id before forwarding.
 */
export type RecordingOp =
  /** A `pending` row for an exchange still in flight. */
  | { kind: 'insert'; key: number; exchange: ExchangeToRecord }
  /** The result for a `pending` row written earlier. */
  | { kind: 'finish'; key: number; result: ExchangeResult }
  /** An exchange that finished before its pending row was due, written whole in one row. */
  | { kind: 'record'; key: number; exchange: ExchangeToRecord; result: ExchangeResult };

/** Messages from the main thread to the recording thread, handled in the order sent. */
export type RecordingRequest =
  /** Writes the ops in one transaction. */
  | { kind: 'batch'; ops: RecordingOp[] }
  /** Adds queued exchanges to the search index, then acknowledges with the same ticket. */
  | { kind: 'sync'; ticket: number }
  /** Starts the retention checks with this policy, or applies a changed one and checks soon. */
  | { kind: 'retention'; policy: RetentionPolicy }
  /** Deletes every finished exchange, then acknowledges with the same ticket. */
  | { kind: 'clear'; ticket: number }
  | { kind: 'close' };

/** A batch that could not be written; its exchanges stay unrecorded or `pending`. */
export interface BatchFailure {
  keys: number[];
  message: string;
  code: string | null;
}

/** Messages from the recording thread to the main thread. */
export type RecordingReply =
  | {
      kind: 'committed';
      started: ExchangeSummary[];
      finished: { key: number; summary: ExchangeSummary }[];
      /** The calls of the started and finished exchanges, as committed. */
      calls: CallSummary[];
      /** Body bytes of this batch, released from the main thread's backlog. */
      bytes: number;
      failure: BatchFailure | null;
    }
  | { kind: 'synced'; ticket: number }
  /** The end of a clear: its report, or the message and SQLite code of the error that stopped it. */
  | { kind: 'cleared'; ticket: number; report: PruneReport | null; error: string | null; code: string | null }
  /** Retention or a clear deleted exchanges. */
  | { kind: 'pruned'; report: PruneReport }
  /** A retention check failed; the next one retries. */
  | { kind: 'history-error'; message: string }
  /** The thread could not open the database and has stopped. */
  | { kind: 'unavailable'; message: string };

/** Settings the main thread passes to the recording thread at start. */
export interface RecordingThreadData {
  file: string;
  nativeBinding: string | null;
  busyTimeoutMs: number;
  /** SQLite's `wal_autocheckpoint` for the thread's connection, in pages. */
  autocheckpointPages: number;
}

/** Body bytes an op carries, for the main thread's backlog limit. */
export function opBytes(op: RecordingOp): number {
  const requestBytes = op.kind === 'finish' ? 0 : op.exchange.requestBody.byteLength;
  const responseBytes = op.kind === 'insert' ? 0 : (op.result.responseBody?.byteLength ?? 0);
  return requestBytes + responseBytes;
}
