import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallSummary, ExchangeSummary } from '../../../src-main/contract/exchange';
import { EMPTY_VAPI_FIELDS } from '../../../src-main/core/vapi-event';
import { ExchangeStore } from '../../../src-main/recorder/exchange-store';
import type { ExchangeResult, NewExchange } from '../../../src-main/recorder/exchange-writer';
import { openDatabase } from '../../../src-main/recorder/open-database';
import { Recorder } from '../../../src-main/recorder/thread/recorder';
import { tempFolder } from '../../support/temp-db';

function request(note: string, bodyBytes = 0): NewExchange {
  const body = JSON.stringify({ message: { type: 'status-update', call: { id: 'call-1' } }, note, padding: 'p'.repeat(bodyBytes) });
  return {
    receivedAt: Date.now(),
    method: 'POST',
    path: '/vapi/webhook',
    query: '',
    requestHeaders: [['Content-Type', 'application/json']],
    requestBody: Buffer.from(body),
    fields: { ...EMPTY_VAPI_FIELDS, type: 'status-update', callId: 'call-1' },
    callFacts: { status: 'in-progress' },
    targetUrl: 'http://127.0.0.1:1/vapi/webhook',
  };
}

const FORWARDED: ExchangeResult = {
  status: 200,
  responseHeaders: [['Content-Type', 'application/json']],
  responseBody: Buffer.from('{}'),
  durationMs: 2,
  targetDurationMs: 1,
  outcome: 'forwarded',
};

describe('recorder', () => {
  let db: Database;
  let dbPath: string;
  let remove: () => void;
  let recorder: Recorder | null = null;

  beforeEach(() => {
    const temp = tempFolder();
    dbPath = temp.dbPath;
    remove = temp.remove;
    db = openDatabase(dbPath);
  });

  afterEach(async () => {
    await recorder?.close();
    recorder = null;
    db.close();
    remove();
  });

  it('records a quick exchange whole', async () => {
    recorder = new Recorder(dbPath);
    const events: string[] = [];
    recorder.on('exchange-started', (exchange) => events.push(`started ${exchange.outcome}`));
    recorder.on('exchange-finished', (exchange) => events.push(`finished ${exchange.outcome}`));
    recorder.on('call-updated', (call) => events.push(`call ${call.status}`));

    const recording = recorder.begin(request('velvet armadillo'));
    const finished = await recorder.finish(recording, FORWARDED);
    await recorder.synced();

    const store = new ExchangeStore(db);
    expect(store.detail(finished?.id as number)?.outcome).toBe('forwarded');
    expect(store.list({ text: 'velvet armadillo' })).toHaveLength(1);
    expect(events).toEqual(['started pending', 'finished forwarded', 'call in-progress']);
  });

  it('writes a pending row while in flight', async () => {
    recorder = new Recorder(dbPath);
    const started = new Promise<ExchangeSummary>((resolve) => recorder?.once('exchange-started', resolve));
    const callUpdated = new Promise<CallSummary>((resolve) => recorder?.once('call-updated', resolve));

    const recording = recorder.begin(request('slow target'));
    const pending = await started;
    const callWhilePending = await callUpdated;
    const outcomeWhilePending = new ExchangeStore(db).summary(pending.id)?.outcome;
    const finished = await recorder.finish(recording, FORWARDED);

    expect(outcomeWhilePending).toBe('pending');
    expect(callWhilePending.exchangeCount).toBe(1);
    expect(finished?.id).toBe(pending.id);
    expect(new ExchangeStore(db).summary(pending.id)?.outcome).toBe('forwarded');
  });

  it('writes again a row deleted in flight', async () => {
    recorder = new Recorder(dbPath);
    const recording = recorder.begin(request('cleared elsewhere'));
    await recorder.synced();
    db.exec('DELETE FROM exchanges');

    const finished = await recorder.finish(recording, FORWARDED);

    expect(finished?.outcome).toBe('forwarded');
    expect(new ExchangeStore(db).list().map((exchange) => [exchange.id, exchange.outcome])).toEqual([[finished?.id, 'forwarded']]);
  });

  it('writes pending rows when synced', async () => {
    recorder = new Recorder(dbPath);

    recorder.begin(request('in flight'));
    await recorder.synced();

    expect(new ExchangeStore(db).list().map((exchange) => exchange.outcome)).toEqual(['pending']);
  });

  it('commits what is queued when closed', async () => {
    recorder = new Recorder(dbPath);
    const recording = recorder.begin(request('queued'));
    void recorder.finish(recording, FORWARDED);

    await recorder.close();

    expect(new ExchangeStore(db).list().map((exchange) => exchange.outcome)).toEqual(['forwarded']);
  });

  it('reports a failed write and records later ones', async () => {
    recorder = new Recorder(dbPath);
    const errors: Error[] = [];
    recorder.on('record-error', (error) => errors.push(error));
    db.exec("CREATE TRIGGER reject_inserts BEFORE INSERT ON exchanges BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");

    const failed = recorder.begin(request('lost'));
    const failedFinish = await recorder.finish(failed, FORWARDED);
    db.exec('DROP TRIGGER reject_inserts');
    const later = recorder.begin(request('kept'));
    await recorder.finish(later, FORWARDED);

    expect(failedFinish).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('database or disk is full');
    expect(new ExchangeStore(db).count()).toBe(1);
  });

  it('fails fast when the thread cannot open the database', async () => {
    recorder = new Recorder(join(dbPath, 'missing-folder', 'x.db'));
    const errors: Error[] = [];
    recorder.on('record-error', (error) => errors.push(error));

    const first = await recorder.finish(recorder.begin(request('first')), FORWARDED);
    const second = await recorder.finish(recorder.begin(request('second')), FORWARDED);

    expect(first).toBeNull();
    expect(second).toBeNull();
    expect(errors).toHaveLength(2);
    expect(errors[0]?.message).toContain('cannot open the database');
    expect(errors[0]?.message).toContain('restart Switchboard');
  });

  it('clears the history on its thread', async () => {
    recorder = new Recorder(dbPath);
    const pruned: unknown[] = [];
    recorder.on('history-pruned', (report) => pruned.push(report));
    void recorder.finish(recorder.begin(request('one')), FORWARDED);
    void recorder.finish(recorder.begin(request('two')), FORWARDED);
    recorder.begin(request('still in flight'));
    await recorder.synced();

    const report = await recorder.clearHistory();

    expect(report).toEqual({ reason: 'clear', exchanges: 2, calls: 0 });
    expect(pruned).toEqual([report]);
    expect(new ExchangeStore(db).list().map((exchange) => exchange.outcome)).toEqual(['pending']);
  });

  it('holds new requests back past the backlog limit', async () => {
    recorder = new Recorder(dbPath, { backlogLimitBytes: 4096 });

    expect(recorder.roomForMore()).toBeNull();
    const finished = recorder.finish(recorder.begin(request('large', 8192)), FORWARDED);
    const room = recorder.roomForMore();

    expect(room).not.toBeNull();
    await room;
    expect(recorder.roomForMore()).toBeNull();
    expect((await finished)?.outcome).toBe('forwarded');
  });
});
