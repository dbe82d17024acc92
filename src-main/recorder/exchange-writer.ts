import type { Database, Statement } from 'better-sqlite3';
import type { AuthCheck } from '../contract/auth';
import type { AuthState, ExchangeSource, HeaderPair, Outcome, ReplyCheck, VapiFields } from '../contract/exchange';
import type { CallFacts } from '../core/call-facts';
import { SearchIndexer } from './search-indexer';

/** A received request, as recorded before its reply is known. */
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
  /** The full explanation of the authentication check, kept apart from the row. */
  authCheck?: AuthCheck | null;
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

/**
 * Writes exchanges, their calls and their search text with statements prepared once. It opens no
 * transaction of its own: the caller wraps a batch of writes in one, so a burst costs one commit.
 */
export class ExchangeWriter {
  private readonly db: Database;
  private readonly insertExchange: Statement;
  private readonly upsertCall: Statement;
  private readonly updateResult: Statement;
  private readonly insertAuthCheck: Statement;
  private readonly indexer: SearchIndexer;

  constructor(db: Database) {
    this.db = db;
    this.indexer = new SearchIndexer(db);

    this.insertExchange = db.prepare(`
      INSERT INTO exchanges (received_at, method, path, query, request_headers, request_body, request_size,
        event_type, call_id, tool_names, tool_call_ids, customer_number, phone_number, assistant_id, assistant_name,
        target_url, outcome, replay_of, source, edited, auth, auth_reason, signature,
        status, response_headers, response_body, response_size, response_truncated, duration_ms, target_duration_ms,
        error_code, error_message, mock_rule, checks)
      VALUES (@receivedAt, @method, @path, @query, @requestHeaders, @requestBody, @requestSize,
        @type, @callId, @toolNames, @toolCallIds, @customerNumber, @phoneNumber, @assistantId, @assistantName,
        @targetUrl, @outcome, @replayOf, @source, @edited, @auth, @authReason, @signature,
        @status, @responseHeaders, @responseBody, @responseSize, @responseTruncated, @durationMs, @targetDurationMs,
        @errorCode, @errorMessage, @mockRule, @checks)`);

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
      WHERE id = @id AND outcome = 'pending' AND received_at = @receivedAt AND request_size = @requestSize`);

    this.insertAuthCheck = db.prepare('INSERT OR REPLACE INTO auth_checks (exchange_id, detail) VALUES (?, ?)');
  }

  /**
   * Inserts a received request with its authentication check and its call's update, and returns
   * the new exchange id. With a `result`, the exchange is written finished in the same row;
   * without one it stays `pending` until `finish`. `parsedRequest` is the request body already
   * parsed as JSON, which the search index then reads instead of parsing it again.
   */
  insert(exchange: NewExchange, result: ExchangeResult | null = null, parsedRequest?: unknown): number {
    const info = this.insertExchange.run({
      ...resultColumns(result),
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
      outcome: result?.outcome ?? exchange.outcome ?? 'pending',
      replayOf: exchange.replayOf ?? null,
      source: exchange.source ?? 'received',
      edited: exchange.edited === true ? 1 : 0,
      auth: exchange.auth ?? null,
      authReason: exchange.authReason ?? null,
      signature: exchange.signature ?? null,
    });
    const id = Number(info.lastInsertRowid);

    if (exchange.authCheck !== undefined && exchange.authCheck !== null && exchange.authCheck.scheme !== 'none') {
      this.insertAuthCheck.run(id, JSON.stringify(exchange.authCheck));
    }

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

    if (result !== null) {
      this.indexer.add(id, exchange.requestBody, result.responseBody, parsedRequest);
    }

    return id;
  }

  /**
   * Stores the result of `exchange`, written `pending` under `id`, and queues its bodies for the
   * search index. Returns false, writing nothing, when that row no longer exists. A clear in
   * another process may have deleted it and a newer exchange taken its id, so the row must
   * still be pending and match the exchange's arrival time and request size.
   */
  finish(id: number, exchange: NewExchange, result: ExchangeResult, parsedRequest?: unknown): boolean {
    const match = { id, receivedAt: exchange.receivedAt, requestSize: exchange.requestBody.byteLength };

    if (this.updateResult.run({ ...match, ...resultColumns(result), outcome: result.outcome }).changes === 0) {
      return false;
    }

    this.indexer.add(id, exchange.requestBody, result.responseBody, parsedRequest);
    return true;
  }

  /** Adds every queued exchange to the search index now. */
  indexPending(): void {
    this.indexer.indexPending();
  }

  /**
   * Marks exchanges left `pending` by a previous run that stopped abruptly and indexes the
   * finished exchanges that run left unindexed; returns how many were marked.
   */
  interruptAbandoned(): number {
    const marked = this.db
      .prepare(
        "UPDATE exchanges SET outcome = 'interrupted', error_code = 'interrupted', error_message = 'Switchboard stopped before the target answered.' WHERE outcome = 'pending'",
      )
      .run().changes;
    this.indexer.indexMissing();
    return marked;
  }
}

/** Builds the statement parameters for the result columns, all null for an exchange still pending. */
function resultColumns(result: ExchangeResult | null): Record<string, unknown> {
  return {
    status: result?.status ?? null,
    responseHeaders: result?.responseHeaders == null ? null : JSON.stringify(result.responseHeaders),
    responseBody: result?.responseBody ?? null,
    responseSize: result?.responseBody?.byteLength ?? null,
    responseTruncated: result?.responseTruncated === true ? 1 : 0,
    durationMs: result?.durationMs ?? null,
    targetDurationMs: result?.targetDurationMs ?? null,
    errorCode: result?.errorCode ?? null,
    errorMessage: result?.errorMessage ?? null,
    mockRule: result?.mockRule ?? null,
    checks: result?.checks === undefined || result.checks.length === 0 ? null : JSON.stringify(result.checks),
  };
}
