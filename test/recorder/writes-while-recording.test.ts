import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockRule } from '../../src-main/contract/mocks';
import { EMPTY_VAPI_FIELDS } from '../../src-main/core/vapi-event';
import type { ExchangeResult } from '../../src-main/recorder/exchange-writer';
import { MockRuleStore } from '../../src-main/recorder/mock-rule-store';
import { openDatabase } from '../../src-main/recorder/open-database';
import { RetentionRunner } from '../../src-main/recorder/retention';
import { Recorder } from '../../src-main/recorder/thread/recorder';
import { tempFolder } from '../support/temp-db';

const FORWARDED: ExchangeResult = {
  status: 200,
  responseHeaders: [['Content-Type', 'application/json']],
  responseBody: Buffer.from('{"results":[]}'),
  durationMs: 2,
  targetDurationMs: 1,
  outcome: 'forwarded',
};

const RULE: MockRule = { name: 'greeting', match: { type: 'assistant-request' }, mode: 'always', response: { body: { assistant: { firstMessage: 'Hello.' } } } };

/** Queues `count` finished exchanges; the recording thread then commits them batch after batch. */
function queueExchanges(recorder: Recorder, count: number): Promise<unknown> {
  const finished: Promise<unknown>[] = [];

  for (let index = 0; index < count; index += 1) {
    const body = Buffer.from(JSON.stringify({ message: { type: 'status-update', call: { id: `call-${index % 20}` }, note: 'n'.repeat(2_000) } }));
    const recording = recorder.begin({
      receivedAt: Date.now(),
      method: 'POST',
      path: '/vapi/webhook',
      query: '',
      requestHeaders: [['Content-Type', 'application/json']],
      requestBody: body,
      fields: { ...EMPTY_VAPI_FIELDS, type: 'status-update', callId: `call-${index % 20}` },
      callFacts: {},
      targetUrl: 'http://127.0.0.1:1/vapi/webhook',
    });
    finished.push(recorder.finish(recording, FORWARDED));
  }

  return Promise.all(finished);
}

/** Runs `write` until `busy` settles, yielding between runs so the recording thread keeps committing. */
async function repeatWhile(busy: Promise<unknown>, write: () => unknown): Promise<number> {
  let settled = false;
  void busy.finally(() => (settled = true));
  let runs = 0;

  while (!settled) {
    await write();
    runs += 1;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }

  return runs;
}

describe('writes from another connection while recording', () => {
  let dbPath: string;
  let remove: () => void;
  let recorder: Recorder;
  let other: Database;

  beforeEach(() => {
    const temp = tempFolder();
    dbPath = temp.dbPath;
    remove = temp.remove;
    openDatabase(dbPath).close();
    recorder = new Recorder(dbPath);
    other = openDatabase(dbPath);
  });

  afterEach(async () => {
    await recorder.close();
    other.close();
    remove();
  });

  it('mock rule imports wait for the lock', async () => {
    const store = new MockRuleStore(other);

    const runs = await repeatWhile(queueExchanges(recorder, 20_000), () => store.importRules([RULE], { replace: true }));

    expect(runs).toBeGreaterThan(1);
    expect(store.list().map((record) => record.rule.name)).toEqual(['greeting']);
  });

  it('clears wait for the lock', async () => {
    const runner = new RetentionRunner(other, () => ({ keepCalls: null, keepDays: null, keepMegabytes: null }));

    let deleted = 0;

    const runs = await repeatWhile(queueExchanges(recorder, 20_000), async () => {
      deleted += (await runner.clear({ includePending: true })).exchanges;
    });

    expect(runs).toBeGreaterThan(0);
    expect(deleted).toBeGreaterThan(0);
  });
});
