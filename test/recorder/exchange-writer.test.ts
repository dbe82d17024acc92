import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExchangeStore } from '../../src-main/recorder/exchange-store';
import { ExchangeWriter, type ExchangeResult, type NewExchange } from '../../src-main/recorder/exchange-writer';
import { openDatabase } from '../../src-main/recorder/open-database';
import { tempFolder } from '../support/temp-db';

function exchange(receivedAt: number, body: string): NewExchange {
  return {
    receivedAt,
    method: 'POST',
    path: '/vapi/webhook',
    query: '',
    requestHeaders: [['Content-Type', 'application/json']],
    requestBody: Buffer.from(body),
    fields: { type: 'tool-calls', callId: 'call-1', toolNames: [], toolCallIds: [], customerNumber: null, phoneNumber: null, assistantId: null, assistantName: null },
    callFacts: {},
    targetUrl: 'http://127.0.0.1:1/vapi/webhook',
  };
}

const RESULT: ExchangeResult = { status: 200, responseHeaders: [], responseBody: Buffer.from('{"results":[]}'), durationMs: 5, targetDurationMs: 4, outcome: 'forwarded' };

describe('ExchangeWriter.finish', () => {
  let db: Database;
  let remove: () => void;
  let writer: ExchangeWriter;
  let store: ExchangeStore;

  beforeEach(() => {
    const temp = tempFolder();
    db = openDatabase(temp.dbPath);
    remove = temp.remove;
    writer = new ExchangeWriter(db);
    store = new ExchangeStore(db);
  });

  afterEach(() => {
    db.close();
    remove();
  });

  it('fills in its pending row', () => {
    const slow = exchange(1_765_000_000_000, '{"message":{"type":"tool-calls"}}');
    const id = writer.insert(slow);

    expect(writer.finish(id, slow, RESULT)).toBe(true);
    expect(store.summary(id)?.outcome).toBe('forwarded');
  });

  it('leaves a newer exchange under a reused id alone', () => {
    const slow = exchange(1_765_000_000_000, '{"message":{"type":"tool-calls"}}');
    const id = writer.insert(slow);
    db.prepare('DELETE FROM exchanges WHERE id = ?').run(id);
    const newer = exchange(1_765_000_005_000, '{"message":{"type":"transcript"}}');
    const reusedId = writer.insert(newer);

    expect(reusedId).toBe(id);
    expect(writer.finish(id, slow, RESULT)).toBe(false);
    expect(store.summary(id)?.outcome).toBe('pending');
  });

  it('does not write over a finished row', () => {
    const slow = exchange(1_765_000_000_000, '{"message":{"type":"tool-calls"}}');
    const id = writer.insert(slow);
    writer.finish(id, slow, RESULT);

    expect(writer.finish(id, slow, { ...RESULT, status: 500, outcome: 'target_error' })).toBe(false);
    expect(store.summary(id)?.status).toBe(200);
  });
});
