import type {
  AuthState,
  CallSummary,
  ExchangeDetail,
  ExchangeSource,
  ExchangeSummary,
  HeaderPair,
  Outcome,
  ReplyCheck,
} from '../contract/exchange';

/** An `exchanges` row without its bodies and headers, as SQLite returns it. */
export interface ExchangeSummaryRow {
  id: number;
  received_at: number;
  method: string;
  path: string;
  query: string;
  request_size: number;
  event_type: string | null;
  call_id: string | null;
  tool_names: string | null;
  tool_call_ids: string | null;
  customer_number: string | null;
  phone_number: string | null;
  assistant_id: string | null;
  assistant_name: string | null;
  target_url: string | null;
  status: number | null;
  response_size: number | null;
  duration_ms: number | null;
  target_duration_ms: number | null;
  outcome: string;
  error_code: string | null;
  error_message: string | null;
  mock_rule: string | null;
  replay_of: number | null;
  source: string;
  edited: number;
  checks: string | null;
  auth: string | null;
  auth_reason: string | null;
  signature: string | null;
}

export interface ExchangeDetailRow extends ExchangeSummaryRow {
  request_headers: string;
  request_body: Buffer;
  response_headers: string | null;
  response_body: Buffer | null;
  response_truncated: number;
}

export interface CallRow {
  call_id: string;
  first_seen_at: number;
  last_seen_at: number;
  customer_number: string | null;
  phone_number: string | null;
  status: string | null;
  status_history: string;
  ended_reason: string | null;
  cost: number | null;
  duration_seconds: number | null;
  exchange_count: number;
}

/** The columns of `ExchangeSummaryRow`, for SELECT lists. */
export const SUMMARY_COLUMNS = `id, received_at, method, path, query, request_size, event_type, call_id, tool_names,
  tool_call_ids, customer_number, phone_number, assistant_id, assistant_name, target_url, status, response_size,
  duration_ms, target_duration_ms, outcome, error_code, error_message, mock_rule, replay_of, source, edited, checks, auth,
  auth_reason, signature`;

function stringList(json: string | null): string[] {
  return json === null ? [] : (JSON.parse(json) as string[]);
}

export function summaryFromRow(row: ExchangeSummaryRow): ExchangeSummary {
  return {
    id: row.id,
    receivedAt: row.received_at,
    method: row.method,
    path: row.path,
    query: row.query,
    requestSize: row.request_size,
    type: row.event_type,
    callId: row.call_id,
    toolNames: stringList(row.tool_names),
    toolCallIds: stringList(row.tool_call_ids),
    customerNumber: row.customer_number,
    phoneNumber: row.phone_number,
    assistantId: row.assistant_id,
    assistantName: row.assistant_name,
    targetUrl: row.target_url,
    status: row.status,
    responseSize: row.response_size,
    durationMs: row.duration_ms,
    targetDurationMs: row.target_duration_ms,
    outcome: row.outcome as Outcome,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    mockRule: row.mock_rule,
    replayOf: row.replay_of,
    source: row.source as ExchangeSource,
    edited: row.edited === 1,
    checks: row.checks === null ? [] : (JSON.parse(row.checks) as ReplyCheck[]),
    auth: row.auth as AuthState | null,
    authReason: row.auth_reason,
    signature: row.signature,
  };
}

export function detailFromRow(row: ExchangeDetailRow): ExchangeDetail {
  return {
    ...summaryFromRow(row),
    requestHeaders: JSON.parse(row.request_headers) as HeaderPair[],
    requestBody: row.request_body,
    responseHeaders: row.response_headers === null ? null : (JSON.parse(row.response_headers) as HeaderPair[]),
    responseBody: row.response_body,
    responseTruncated: row.response_truncated === 1,
  };
}

export function callFromRow(row: CallRow): CallSummary {
  return {
    callId: row.call_id,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    customerNumber: row.customer_number,
    phoneNumber: row.phone_number,
    status: row.status,
    statusHistory: JSON.parse(row.status_history) as string[],
    endedReason: row.ended_reason,
    cost: row.cost,
    durationSeconds: row.duration_seconds,
    exchangeCount: row.exchange_count,
  };
}
