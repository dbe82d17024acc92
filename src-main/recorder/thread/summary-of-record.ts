import type { ExchangeSummary } from '../../contract/exchange';
import type { ExchangeResult, NewExchange } from '../exchange-writer';

/**
 * Builds the summary of an exchange from what was just written, as `summaryFromRow` would read it
 * back, so the recording thread does not query each row again. `result` is null while the
 * exchange waits for its reply.
 */
export function summaryOfRecord(id: number, exchange: NewExchange, result: ExchangeResult | null): ExchangeSummary {
  return {
    id,
    receivedAt: exchange.receivedAt,
    method: exchange.method,
    path: exchange.path,
    query: exchange.query,
    requestSize: exchange.requestBody.byteLength,
    ...exchange.fields,
    targetUrl: exchange.targetUrl,
    status: result?.status ?? null,
    responseSize: result?.responseBody?.byteLength ?? null,
    durationMs: result?.durationMs ?? null,
    targetDurationMs: result?.targetDurationMs ?? null,
    outcome: result?.outcome ?? exchange.outcome ?? 'pending',
    errorCode: result?.errorCode ?? null,
    errorMessage: result?.errorMessage ?? null,
    mockRule: result?.mockRule ?? null,
    replayOf: exchange.replayOf ?? null,
    source: exchange.source ?? 'received',
    edited: exchange.edited === true,
    checks: result?.checks === undefined ? [] : [...result.checks],
    auth: exchange.auth ?? null,
    authReason: exchange.authReason ?? null,
    signature: exchange.signature ?? null,
  };
}
