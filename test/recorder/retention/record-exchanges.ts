import type { VapiFields } from '../../../src-main/contract/exchange';
import type { Database } from 'better-sqlite3';
import type { ExchangeStore } from '../../../src-main/recorder/exchange-store';
import { ExchangeWriter } from '../../../src-main/recorder/exchange-writer';

export interface ExchangeSpec {
  callId: string | null;
  receivedAt: number;
  /** Text placed in the request body, so a search can find the exchange. */
  text?: string;
  bodyBytes?: number;
  /** Leave the exchange waiting for the target, as one in flight is. */
  pending?: boolean;
}

function fieldsFor(callId: string | null): VapiFields {
  return { type: 'status-update', callId, toolNames: [], toolCallIds: [], customerNumber: null, phoneNumber: null, assistantId: null, assistantName: null };
}

/** Records exchanges with the recording thread's writer, finishing each unless pending; returns their ids in order. */
export function recordExchanges(db: Database, specs: readonly ExchangeSpec[]): number[] {
  const writer = new ExchangeWriter(db);
  const ids: number[] = [];

  db.transaction(() => {
    for (const spec of specs) {
      const text = spec.text ?? 'routine status update';
      const padding = 'p'.repeat(Math.max(0, (spec.bodyBytes ?? 0) - text.length));
      const body = Buffer.from(JSON.stringify({ message: { type: 'status-update', call: { id: spec.callId }, note: text, padding } }));
      const exchange = {
        receivedAt: spec.receivedAt,
        method: 'POST',
        path: '/vapi/webhook',
        query: '',
        requestHeaders: [['Content-Type', 'application/json']] as [string, string][],
        requestBody: body,
        fields: fieldsFor(spec.callId),
        callFacts: {},
        targetUrl: 'http://127.0.0.1:1/vapi/webhook',
      };
      const id = writer.insert(exchange);
      ids.push(id);

      if (spec.pending !== true) {
        writer.finish(id, exchange, { status: 200, responseHeaders: [], responseBody: Buffer.from('{}'), durationMs: 1, targetDurationMs: 1, outcome: 'forwarded' });
      }
    }
  })();

  writer.indexPending();
  return ids;
}

/** Ids of every exchange left, oldest first. */
export function remainingIds(store: ExchangeStore): number[] {
  return store
    .list({ limit: 10_000 })
    .map((exchange) => exchange.id)
    .sort((a, b) => a - b);
}
