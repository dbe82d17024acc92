import type { ExchangeDetail, ExchangeSummary } from '../../src-main/contract/exchange';

/** Builds a finished exchange summary with every field set; `fields` overrides any of them. */
export function summary(id: number, fields: Partial<ExchangeSummary> = {}): ExchangeSummary {
  return {
    id,
    receivedAt: 1_700_000_000_000 + id,
    method: 'POST',
    path: '/vapi/webhook',
    query: '',
    requestSize: 100,
    type: 'status-update',
    callId: 'call-1',
    toolNames: [],
    toolCallIds: [],
    customerNumber: null,
    phoneNumber: null,
    assistantId: null,
    assistantName: null,
    targetUrl: 'http://127.0.0.1:3000/vapi/webhook',
    status: 200,
    responseSize: 2,
    durationMs: 3,
    targetDurationMs: 2,
    outcome: 'forwarded',
    errorCode: null,
    errorMessage: null,
    mockRule: null,
    replayOf: null,
    source: 'received',
    edited: false,
    checks: [],
    auth: null,
    authReason: null,
    signature: null,
    ...fields,
  };
}

/** Builds a finished exchange with `{}` bodies; `fields` overrides any field. */
export function detail(id: number, fields: Partial<ExchangeDetail> = {}): ExchangeDetail {
  return {
    ...summary(id),
    requestHeaders: [],
    requestBody: Buffer.from('{}'),
    responseHeaders: [],
    responseBody: Buffer.from('{}'),
    responseTruncated: false,
    ...fields,
  };
}
