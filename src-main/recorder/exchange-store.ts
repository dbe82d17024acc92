import type { Database, Statement } from 'better-sqlite3';
import type {
  AuthState,
  CallSummary,
  ExchangeDetail,
  ExchangeQuery,
  ExchangeSource,
  ExchangeSummary,
  HeaderPair,
  Outcome,
  ReplyCheck,
  VapiFields,
} from '../contract/exchange';
import type { CallFacts } from '../core/call-facts';
import { CallQueries } from './call-queries';
import { SearchIndexer } from './search-indexer';
import {
  SUMMARY_COLUMNS,
  callFromRow,
  detailFromRow,
  summaryFromRow,
  type CallRow,
  type ExchangeDetailRow,
  type ExchangeSummaryRow,
} from './rows';

/** A received request, written before it is forwarded. */
export interface NewExchange {
  receivedAt: number;
  method: string;
  path: string;
  query: string;
  requestHeaders: readonly HeaderPair[];
  requestBody: Uint8Array;
  fields: VapiFields;
  callFacts: CallFacts;
  targetUrl: string | null;
  outcome?: Outcome;
  replayOf?: number | null;
  source?: ExchangeSource;
  edited?: boolean;
  auth?: AuthState | null;
  authReason?: string | null;
  signature?: string | null;
}

/** What happened to an exchange once it ended. */
export interface ExchangeResult {
  status: number | null;
  responseHeaders: readonly HeaderPair[] | null;
  responseBody: Uint8Array | null;
  responseTruncated?: boolean;
  durationMs: number;
  targetDurationMs: number | null;
  outcome: Outcome;
  errorCode?: string | null;
  errorMessage?: string | null;
  mockRule?: string | null;
  checks?: readonly ReplyCheck[];
}

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 10_000;

/**
 * Reads and writes exchanges and calls. Every write of one event-loop turn goes into one
 * transaction, committed by `flush` in that turn's check phase: a burst of requests and replies
 * costs one commit. Requests are written before they are forwarded, and their transaction commits
 * before any reply from the target can be read, so a crash keeps every request that was forwarded.
 */
export class ExchangeStore {
  /** Reads one call's events and bodies for its timeline. */
  readonly callQueries: CallQueries;
  private readonly db: Database;
  private readonly insertExchange: Statement;
  private readonly upsertCall: Statement;
  private readonly updateResult: Statement;
  private readonly indexer: SearchIndexer;
  private readonly selectSummary: Statement;
  private readonly selectDetail: Statement;
  private readonly selectCall: Statement;
  private readonly queryCache = new Map<string, Statement>();
  private pending: { id: number; result: ExchangeResult; requestBody: Uint8Array; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushScheduled = false;
  private turnOpen = false;
  private commitWaiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private readonly beginTurn: Statement;
  private readonly commitTurnStatement: Statement;

  constructor(db: Database) {
    this.db = db;
    this.callQueries = new CallQueries(db);

    this.insertExchange = db.prepare(`
      INSERT INTO exchanges (received_at, method, path, query, request_headers, request_body, request_size,
        event_type, call_id, tool_names, tool_call_ids, customer_number, phone_number, assistant_id, assistant_name,
        target_url, outcome, replay_of, source, edited, auth, auth_reason, signature)
      VALUES (@receivedAt, @method, @path, @query, @requestHeaders, @requestBody, @requestSize,
        @type, @callId, @toolNames, @toolCallIds, @customerNumber, @phoneNumber, @assistantId, @assistantName,
        @targetUrl, @outcome, @replayOf, @source, @edited, @auth, @authReason, @signature)`);

    this.upsertCall = db.prepare(`
      INSERT INTO calls (call_id, first_seen_at, last_seen_at, customer_number, phone_number, status, status_history,
        ended_reason, cost, duration_seconds, exchange_count)
      VALUES (@callId, @at, @at, @customerNumber, @phoneNumber, @status,
        CASE WHEN @status IS NULL THEN '[]' ELSE json_array(@status) END, @endedReason, @cost, @durationSeconds, 1)
      ON CONFLICT (call_id) DO UPDATE SET
        first_seen_at = min(first_seen_at, excluded.first_seen_at),
        last_seen_at = max(last_seen_at, excluded.last_seen_at),
        customer_number = coalesce(calls.customer_number, excluded.customer_number),
        phone_number = coalesce(calls.phone_number, excluded.phone_number),
        status = coalesce(excluded.status, calls.status),
        status_history = CASE
          WHEN excluded.status IS NULL OR calls.status_history ->> '$[#-1]' IS excluded.status THEN calls.status_history
          ELSE json_insert(calls.status_history, '$[#]', excluded.status) END,
        ended_reason = coalesce(excluded.ended_reason, calls.ended_reason),
        cost = coalesce(excluded.cost, calls.cost),
        duration_seconds = coalesce(excluded.duration_seconds, calls.duration_seconds),
        exchange_count = calls.exchange_count + 1`);

    this.updateResult = db.prepare(`
      UPDATE exchanges SET status = @status, response_headers = @responseHeaders, response_body = @responseBody,
        response_size = @responseSize, response_truncated = @responseTruncated, duration_ms = @durationMs,
        target_duration_ms = @targetDurationMs, outcome = @outcome, error_code = @errorCode,
        error_message = @errorMessage, mock_rule = @mockRule, checks = @checks
      WHERE id = @id`);

    this.beginTurn = db.prepare('BEGIN');
    this.commitTurnStatement = db.prepare('COMMIT');
    this.indexer = new SearchIndexer(db);
    this.selectSummary = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM exchanges WHERE id = ?`);
    this.selectDetail = db.prepare('SELECT * FROM exchanges WHERE id = ?');
    this.selectCall = db.prepare('SELECT * FROM calls WHERE call_id = ?');
  }

  /** Inserts a received request and updates its call; returns the new exchange id. */
  insert(exchange: NewExchange): number {
    this.openTurnTransaction();
    const run = this.db.transaction((): number => {
      const info = this.insertExchange.run({
        receivedAt: exchange.receivedAt,
        method: exchange.method,
        path: exchange.path,
        query: exchange.query,
        requestHeaders: JSON.stringify(exchange.requestHeaders),
        requestBody: exchange.requestBody,
        requestSize: exchange.requestBody.byteLength,
        type: exchange.fields.type,
        callId: exchange.fields.callId,
        toolNames: exchange.fields.toolNames.length === 0 ? null : JSON.stringify(exchange.fields.toolNames),
        toolCallIds: exchange.fields.toolCallIds.length === 0 ? null : JSON.stringify(exchange.fields.toolCallIds),
        customerNumber: exchange.fields.customerNumber,
        phoneNumber: exchange.fields.phoneNumber,
        assistantId: exchange.fields.assistantId,
        assistantName: exchange.fields.assistantName,
        targetUrl: exchange.targetUrl,
        outcome: exchange.outcome ?? 'pending',
        replayOf: exchange.replayOf ?? null,
        source: exchange.source ?? 'received',
        edited: exchange.edited === true ? 1 : 0,
        auth: exchange.auth ?? null,
        authReason: exchange.authReason ?? null,
        signature: exchange.signature ?? null,
      });

      // A replay belongs to its call's exchange list, but it did not happen during the call, so it
      // leaves the call's times, status and event count as the call itself set them.
      if (exchange.fields.callId !== null && exchange.source !== 'replay') {
        this.upsertCall.run({
          callId: exchange.fields.callId,
          at: exchange.receivedAt,
          customerNumber: exchange.fields.customerNumber,
          phoneNumber: exchange.fields.phoneNumber,
          status: exchange.callFacts.status ?? null,
          endedReason: exchange.callFacts.endedReason ?? null,
          cost: exchange.callFacts.cost ?? null,
          durationSeconds: exchange.callFacts.durationSeconds ?? null,
        });
      }

      return Number(info.lastInsertRowid);
    });

    return run();
  }

  /** Queues the result of an exchange; the promise settles once it is committed, or rejects when the write fails. */
  finish(id: number, requestBody: Uint8Array, result: ExchangeResult): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ id, result, requestBody, resolve, reject });
      this.scheduleFlush();
    });
  }

  /**
   * Resolves once this turn's writes are committed, and rejects when their commit failed, so the
   * requests inserted in this turn were not recorded. The handler waits for it so a request is on
   * disk before it is forwarded.
   */
  afterCommit(): Promise<void> {
    if (!this.turnOpen) {
      return Promise.resolve();
    }

    return new Promise((resolve, reject) => this.commitWaiters.push({ resolve, reject }));
  }

  private scheduleFlush(): void {
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flushTurn());
    }
  }

  /** Starts the transaction that `flush` commits, unless a transaction is already open. */
  private openTurnTransaction(): void {
    if (!this.db.inTransaction) {
      this.beginTurn.run();
      this.turnOpen = true;
    }

    this.scheduleFlush();
  }

  /** Commits every queued result and adds every finished exchange to the search index now. */
  flush(): void {
    this.flushTurn();
    this.indexer.indexPending();
  }

  /** Commits this turn's writes. A failed commit rejects the promises of that batch instead of throwing. */
  private flushTurn(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];

    try {
      if (batch.length > 0) {
        this.commitResults(batch);
      }

      this.commitTurn();
    } catch (error) {
      // The rollback also drops the requests inserted in this turn: their handlers learn of it
      // through `afterCommit`, and the replies in `batch` through `finish`.
      this.rollBackTurn();
      this.releaseCommitWaiters(error);

      for (const entry of batch) {
        entry.reject(error);
      }

      return;
    }

    this.releaseCommitWaiters();

    for (const entry of batch) {
      entry.resolve();
    }
  }

  private commitResults(batch: readonly { id: number; result: ExchangeResult; requestBody: Uint8Array }[]): void {
    this.db.transaction(() => {
      for (const { id, result, requestBody } of batch) {
        this.updateResult.run({
          id,
          status: result.status,
          responseHeaders: result.responseHeaders === null ? null : JSON.stringify(result.responseHeaders),
          responseBody: result.responseBody,
          responseSize: result.responseBody?.byteLength ?? null,
          responseTruncated: result.responseTruncated === true ? 1 : 0,
          durationMs: result.durationMs,
          targetDurationMs: result.targetDurationMs,
          outcome: result.outcome,
          errorCode: result.errorCode ?? null,
          errorMessage: result.errorMessage ?? null,
          mockRule: result.mockRule ?? null,
          checks: result.checks === undefined || result.checks.length === 0 ? null : JSON.stringify(result.checks),
        });
        this.indexer.add(id, requestBody, result.responseBody);
      }
    })();
  }

  private commitTurn(): void {
    if (this.turnOpen) {
      this.turnOpen = false;
      this.commitTurnStatement.run();
    }
  }

  private releaseCommitWaiters(failure?: unknown): void {
    const waiters = this.commitWaiters;
    this.commitWaiters = [];

    for (const waiter of waiters) {
      if (failure === undefined) {
        waiter.resolve();
      } else {
        waiter.reject(failure);
      }
    }
  }

  private rollBackTurn(): void {
    if (this.db.inTransaction) {
      this.db.exec('ROLLBACK');
    }

    this.turnOpen = false;
  }

  /**
   * Marks exchanges left `pending` by a previous run that stopped abruptly and indexes the
   * finished exchanges that run left unindexed; returns how many were marked.
   */
  interruptAbandoned(): number {
    this.flush();
    const marked = this.db
      .prepare(
        "UPDATE exchanges SET outcome = 'interrupted', error_code = 'interrupted', error_message = 'Switchboard stopped before the target answered.' WHERE outcome = 'pending'",
      )
      .run().changes;
    this.indexer.indexMissing();
    return marked;
  }

  summary(id: number): ExchangeSummary | undefined {
    const row = this.selectSummary.get(id) as ExchangeSummaryRow | undefined;
    return row === undefined ? undefined : summaryFromRow(row);
  }

  detail(id: number): ExchangeDetail | undefined {
    const row = this.selectDetail.get(id) as ExchangeDetailRow | undefined;
    return row === undefined ? undefined : detailFromRow(row);
  }

  /** Ids of recorded calls that start with `prefix`, at most `limit`, in id order. */
  callIdsStartingWith(prefix: string, limit = 10): string[] {
    // A range over the primary key finds the prefix with the index, which LIKE would not use.
    const statement = this.prepareCached('SELECT call_id FROM calls WHERE call_id >= ? AND call_id < ? ORDER BY call_id LIMIT ?');
    return (statement.all(prefix, `${prefix}\uffff`, limit) as { call_id: string }[]).map((row) => row.call_id);
  }

  call(callId: string): CallSummary | undefined {
    const row = this.selectCall.get(callId) as CallRow | undefined;
    return row === undefined ? undefined : callFromRow(row);
  }

  /** Exchanges matching every given filter, newest first. */
  list(query: ExchangeQuery = {}): ExchangeSummary[] {
    const conditions: string[] = [];
    const parameters: Record<string, unknown> = {};

    if (query.type !== undefined) {
      conditions.push('event_type = @type');
      parameters.type = query.type;
    }

    if (query.callId !== undefined) {
      conditions.push('call_id = @callId');
      parameters.callId = query.callId;
    }

    if (query.outcome !== undefined) {
      conditions.push('outcome = @outcome');
      parameters.outcome = query.outcome;
    }

    if (query.status !== undefined) {
      conditions.push('status = @status');
      parameters.status = query.status;
    }

    if (query.beforeId !== undefined) {
      conditions.push('id < @beforeId');
      parameters.beforeId = query.beforeId;
    }

    if (query.afterId !== undefined) {
      conditions.push('id > @afterId');
      parameters.afterId = query.afterId;
    }

    if (query.hasWarnings === true) {
      conditions.push('checks IS NOT NULL');
    }

    if (query.text !== undefined && query.text.trim() !== '') {
      this.indexer.indexPending();
      conditions.push('id IN (SELECT rowid FROM exchange_text WHERE exchange_text MATCH @text)');
      parameters.text = phraseQuery(query.text);
    }

    parameters.limit = Math.min(Math.max(1, query.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM exchanges ${where} ORDER BY id DESC LIMIT @limit`;

    return (this.prepareCached(sql).all(parameters) as ExchangeSummaryRow[]).map(summaryFromRow);
  }

  /** Calls, most recently active first. */
  listCalls(limit = DEFAULT_LIMIT): CallSummary[] {
    const statement = this.prepareCached('SELECT * FROM calls ORDER BY last_seen_at DESC LIMIT ?');
    return (statement.all(Math.min(Math.max(1, limit), MAX_LIMIT)) as CallRow[]).map(callFromRow);
  }

  /** Bytes used by the database file and its write-ahead log. */
  databaseSizeBytes(): number {
    const pages = this.prepareCached('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()').get() as { bytes: number };
    return pages.bytes;
  }

  count(): number {
    return (this.prepareCached('SELECT count(*) AS n FROM exchanges').get() as { n: number }).n;
  }

  private prepareCached(sql: string): Statement {
    let statement = this.queryCache.get(sql);

    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.queryCache.set(sql, statement);
    }

    return statement;
  }
}

/** Turns user text into an FTS5 phrase, so quotes and operators in it are matched literally. */
function phraseQuery(text: string): string {
  return `"${text.trim().replaceAll('"', '""')}"`;
}
