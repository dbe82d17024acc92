import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExchangeStore } from '../../../src-main/recorder/exchange-store';
import { ExchangeWriter, type ExchangeResult, type NewExchange } from '../../../src-main/recorder/exchange-writer';
import { openDatabase } from '../../../src-main/recorder/open-database';
import { summaryOfRecord } from '../../../src-main/recorder/thread/summary-of-record';
import { tempFolder } from '../../support/temp-db';

const REQUEST: NewExchange = {
  receivedAt: 1_765_000_000_123,
  method: 'POST',
  path: '/vapi/webhook',
  query: 'tenant=7',
  requestHeaders: [['Content-Type', 'application/json']],
  requestBody: Buffer.from('{"message":{"type":"tool-calls"}}'),
  fields: {
    type: 'tool-calls',
    callId: 'call-1',
    toolNames: ['check_availability', 'book'],
    toolCallIds: ['tc-1', 'tc-2'],
    customerNumber: '+15550100',
    phoneNumber: '+15550199',
    assistantId: 'asst-1',
    assistantName: 'Front desk',
  },
  callFacts: { status: 'in-progress' },
  targetUrl: 'http://127.0.0.1:3000/vapi/webhook',
  source: 'replay',
  edited: true,
  auth: 'invalid',
  authReason: 'mismatch',
  signature: 'stale',
};

const RESULT: ExchangeResult = {
  status: 200,
  responseHeaders: [['Content-Type', 'application/json']],
  responseBody: Buffer.from('{"results":[]}'),
  durationMs: 12.5,
  targetDurationMs: 11.25,
  outcome: 'mocked',
  errorCode: null,
  errorMessage: null,
  mockRule: 'availability stub',
  checks: [{ code: 'tool_result_missing', message: 'No result for tc-2.', severity: 'failure', pointer: '/results' }],
};

describe('summary of a record', () => {
  let db: Database;
  let remove: () => void;

  beforeEach(() => {
    const temp = tempFolder();
    db = openDatabase(temp.dbPath);
    remove = temp.remove;
  });

  afterEach(() => {
    db.close();
    remove();
  });

  /** Builds a replay of a first recorded exchange, so every optional field is set. */
  function replayRequest(writer: ExchangeWriter): NewExchange {
    const originalId = writer.insert({ ...REQUEST, source: 'received' });
    return { ...REQUEST, replayOf: originalId };
  }

  it('matches the row while pending', () => {
    const writer = new ExchangeWriter(db);
    const request = replayRequest(writer);
    const id = writer.insert(request);

    expect(summaryOfRecord(id, request, null)).toEqual(new ExchangeStore(db).summary(id));
  });

  it('matches the row once finished', () => {
    const writer = new ExchangeWriter(db);
    const request = replayRequest(writer);
    const id = writer.insert(request);
    writer.finish(id, request, RESULT);

    expect(summaryOfRecord(id, request, RESULT)).toEqual(new ExchangeStore(db).summary(id));
  });

  it('matches a rejected request', () => {
    const rejected: NewExchange = { ...REQUEST, requestBody: Buffer.alloc(0), outcome: 'rejected', source: undefined, edited: undefined };
    const id = new ExchangeWriter(db).insert(rejected);

    expect(summaryOfRecord(id, rejected, null)).toEqual(new ExchangeStore(db).summary(id));
  });
});
