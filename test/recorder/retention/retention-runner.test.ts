import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PruneReport } from '../../../src-main/contract/history';
import { ExchangeStore } from '../../../src-main/recorder/exchange-store';
import type { RetentionPolicy } from '../../../src-main/recorder/history-pruner';
import { openDatabase } from '../../../src-main/recorder/open-database';
import { RetentionRunner } from '../../../src-main/recorder/retention';
import { tempFolder } from '../../support/temp-db';
import { recordExchanges, remainingIds } from './record-exchanges';

const DAY = 24 * 60 * 60 * 1000;

describe('RetentionRunner', () => {
  let temp: ReturnType<typeof tempFolder>;
  let db: Database;
  let store: ExchangeStore;
  let policy: RetentionPolicy;
  let reports: PruneReport[];
  let runner: RetentionRunner;

  beforeEach(() => {
    temp = tempFolder();
    db = openDatabase(temp.dbPath);
    store = new ExchangeStore(db);
    policy = { keepCalls: null, keepDays: null, keepMegabytes: null };
    reports = [];
    runner = new RetentionRunner(db, () => policy, { onPruned: (report) => reports.push(report) });
  });

  /** Writes a reply into a pending row, as a Switchboard recording into the same file does. */
  function finishPending(id: number): void {
    db.prepare("UPDATE exchanges SET outcome = 'forwarded', status = 200 WHERE id = ? AND outcome = 'pending'").run(id);
  }

  afterEach(async () => {
    await runner.stop();
    db.close();
    temp.remove();
  });

  it('pruneNow applies every limit', async () => {
    const now = Date.now();
    const specs = [
      ...Array.from({ length: 30 }, (_unused, index) => ({ callId: `old-${index}`, receivedAt: now - 30 * DAY + index })),
      ...Array.from({ length: 30 }, (_unused, index) => ({ callId: `recent-${index}`, receivedAt: now - 1000 + index })),
    ];
    const ids = recordExchanges(db, specs);
    policy = { keepCalls: 10, keepDays: 7, keepMegabytes: null };

    const result = await runner.pruneNow();

    expect(result).toEqual([
      { reason: 'age', exchanges: 30, calls: 30 },
      { reason: 'calls', exchanges: 20, calls: 20 },
    ]);
    expect(reports).toEqual(result);
    expect(remainingIds(store)).toEqual(ids.slice(50));
  });

  it('pruneNow reports nothing within limits', async () => {
    recordExchanges(db, [{ callId: 'a', receivedAt: Date.now() }]);
    policy = { keepCalls: 5, keepDays: 1, keepMegabytes: 100 };

    expect(await runner.pruneNow()).toEqual([]);
    expect(reports).toEqual([]);
  });

  it('deletes in many batches', async () => {
    const now = Date.now();
    const specs = Array.from({ length: 1_500 }, (_unused, index) => ({ callId: `call-${index % 300}`, receivedAt: now - 10 * DAY + index }));
    recordExchanges(db, specs);
    policy = { keepCalls: null, keepDays: 1, keepMegabytes: null };

    expect(await runner.pruneNow()).toEqual([{ reason: 'age', exchanges: 1_500, calls: 300 }]);
    expect(store.listCalls()).toEqual([]);
  });

  it('clear keeps exchanges in flight', async () => {
    const ids = recordExchanges(db, [
      { callId: 'a', receivedAt: Date.now() },
      { callId: 'a', receivedAt: Date.now(), pending: true },
      { callId: 'b', receivedAt: Date.now() },
    ]);

    expect(await runner.clear()).toEqual({ reason: 'clear', exchanges: 2, calls: 1 });
    expect(remainingIds(store)).toEqual([ids[1]]);
    expect(reports).toEqual([{ reason: 'clear', exchanges: 2, calls: 1 }]);
  });

  it('clear with includePending empties the history', async () => {
    recordExchanges(db, [
      { callId: 'a', receivedAt: Date.now(), text: 'findable walrus' },
      { callId: 'a', receivedAt: Date.now(), pending: true },
    ]);

    expect(await runner.clear({ includePending: true })).toEqual({ reason: 'clear', exchanges: 2, calls: 1 });
    expect(remainingIds(store)).toEqual([]);
    expect(store.list({ text: 'findable walrus' })).toEqual([]);
  });

  it('clear keeps exchanges that finish during it', async () => {
    const specs = Array.from({ length: 3_000 }, (_unused, index) => ({ callId: `call-${index % 100}`, receivedAt: Date.now(), pending: index === 1_500 }));
    const ids = recordExchanges(db, specs);
    const inFlight = ids[1_500] as number;

    const clearing = runner.clear();
    finishPending(inFlight);
    const report = await clearing;

    expect(report.exchanges).toBe(2_999);
    expect(remainingIds(store)).toEqual([inFlight]);
  });

  it('clear with includePending keeps exchanges that finished', async () => {
    const ids = recordExchanges(db, [
      { callId: 'a', receivedAt: Date.now(), pending: true },
      { callId: 'a', receivedAt: Date.now(), pending: true },
      { callId: 'b', receivedAt: Date.now() },
    ]);

    const clearing = runner.clear({ includePending: true });
    finishPending(ids[0] as number);
    const report = await clearing;

    expect(report).toEqual({ reason: 'clear', exchanges: 2, calls: 1 });
    expect(remainingIds(store)).toEqual([ids[0]]);
  });

  it('clear goes past rows deleted elsewhere', async () => {
    const ids = recordExchanges(db, Array.from({ length: 300 }, (_unused, index) => ({ callId: `call-${index % 10}`, receivedAt: Date.now() })));
    // The first batch of 100 deletes nothing, as when another connection deleted those rows
    // between this clear's read of their ids and its delete.
    db.exec(`CREATE TEMP TRIGGER keep_first_batch BEFORE DELETE ON exchanges WHEN old.id <= ${ids[99]} BEGIN SELECT RAISE(IGNORE); END`);

    const report = await runner.clear();

    expect(report.exchanges).toBe(200);
    expect(remainingIds(store)).toEqual(ids.slice(0, 100));
  });

  it('clear leaves exchanges recorded meanwhile', async () => {
    recordExchanges(db, Array.from({ length: 3_000 }, (_unused, index) => ({ callId: `call-${index % 100}`, receivedAt: Date.now() })));

    const clearing = runner.clear();
    const [lateId] = recordExchanges(db, [{ callId: 'late', receivedAt: Date.now() }]);
    const report = await clearing;

    expect(report.exchanges).toBe(3_000);
    expect(remainingIds(store)).toEqual([lateId]);
  });

  it('stop ends a clear between batches', async () => {
    recordExchanges(db, Array.from({ length: 3_000 }, (_unused, index) => ({ callId: `call-${index % 100}`, receivedAt: Date.now() })));

    const clearing = runner.clear();
    await runner.stop();
    const report = await clearing;

    expect(report.exchanges).toBeLessThan(3_000);
    expect(remainingIds(store)).toHaveLength(3_000 - report.exchanges);
  });
});
