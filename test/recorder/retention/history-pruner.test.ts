import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExchangeStore } from '../../../src-main/recorder/exchange-store';
import { HistoryPruner, type RetentionPolicy } from '../../../src-main/recorder/history-pruner';
import { openDatabase } from '../../../src-main/recorder/open-database';
import { tempFolder } from '../../support/temp-db';
import { recordExchanges, remainingIds } from './record-exchanges';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 0, 31);
const OFF: RetentionPolicy = { keepCalls: null, keepDays: null, keepMegabytes: null };

describe('HistoryPruner', () => {
  let temp: ReturnType<typeof tempFolder>;
  let db: Database;
  let store: ExchangeStore;
  let pruner: HistoryPruner;

  beforeEach(() => {
    temp = tempFolder();
    db = openDatabase(temp.dbPath);
    store = new ExchangeStore(db);
    pruner = new HistoryPruner(db);
  });

  afterEach(() => {
    db.close();
    temp.remove();
  });

  function pruneAll(policy: RetentionPolicy): { exchanges: number; calls: number } {
    const total = { exchanges: 0, calls: 0 };

    for (let batch = pruner.expiredBatch(policy, NOW, 2); batch !== null; batch = pruner.expiredBatch(policy, NOW, 2)) {
      const deleted = pruner.delete(batch.ids);
      total.exchanges += deleted.exchanges;
      total.calls += deleted.calls;
    }

    return total;
  }

  it('keeps everything with no limits', async () => {
    recordExchanges(db, [{ callId: 'a', receivedAt: NOW - 400 * DAY }]);

    expect(pruner.expiredBatch(OFF, NOW, 100)).toBeNull();
  });

  it('keepDays deletes older exchanges', async () => {
    const ids = recordExchanges(db, [
      { callId: 'old', receivedAt: NOW - 10 * DAY, text: 'ancient pelican' },
      { callId: 'old', receivedAt: NOW - 9 * DAY },
      { callId: 'straddling', receivedAt: NOW - 8 * DAY },
      { callId: 'straddling', receivedAt: NOW - 6 * DAY },
      { callId: null, receivedAt: NOW - 5 * DAY },
      { callId: 'new', receivedAt: NOW - DAY },
    ]);

    expect(pruner.expiredBatch({ ...OFF, keepDays: 7 }, NOW, 100)).toEqual({ reason: 'age', ids: ids.slice(0, 3) });
    expect(pruneAll({ ...OFF, keepDays: 7 })).toEqual({ exchanges: 3, calls: 1 });
    expect(remainingIds(store)).toEqual(ids.slice(3));
    expect(store.call('old')).toBeUndefined();
    expect(store.call('straddling')?.exchangeCount).toBe(1);
    expect(store.list({ text: 'ancient pelican' })).toEqual([]);
  });

  it('keepDays takes fractions of a day', async () => {
    const ids = recordExchanges(db, [
      { callId: 'a', receivedAt: NOW - 13 * 60 * 60 * 1000 },
      { callId: 'b', receivedAt: NOW - 11 * 60 * 60 * 1000 },
    ]);

    pruneAll({ ...OFF, keepDays: 0.5 });

    expect(remainingIds(store)).toEqual([ids[1]]);
  });

  it('keepCalls keeps the newest calls', async () => {
    const ids = recordExchanges(db, [
      { callId: 'first', receivedAt: NOW - 50_000 },
      { callId: null, receivedAt: NOW - 45_000 },
      { callId: 'second', receivedAt: NOW - 40_000 },
      { callId: 'third', receivedAt: NOW - 30_000 },
      { callId: null, receivedAt: NOW - 25_000 },
      { callId: 'second', receivedAt: NOW - 20_000 },
      { callId: 'fourth', receivedAt: NOW - 10_000 },
    ]);

    expect(pruneAll({ ...OFF, keepCalls: 2 })).toEqual({ exchanges: 3, calls: 2 });
    expect(remainingIds(store)).toEqual([ids[2], ids[4], ids[5], ids[6]]);
    expect(store.listCalls().map((call) => call.callId)).toEqual(['fourth', 'second']);
  });

  it('keepCalls drops call rows without exchanges', async () => {
    recordExchanges(db, [
      { callId: 'gone', receivedAt: NOW - 3_000 },
      { callId: 'kept', receivedAt: NOW - 1_000 },
    ]);
    db.prepare("DELETE FROM exchanges WHERE call_id = 'gone'").run();

    expect(pruner.expiredBatch({ ...OFF, keepCalls: 1 }, NOW, 100)).toBeNull();
    expect(store.call('gone')).toBeUndefined();
    expect(store.call('kept')?.exchangeCount).toBe(1);
  });

  it('keepMegabytes deletes the oldest until under the limit', async () => {
    const specs = Array.from({ length: 40 }, (_unused, index) => ({ callId: `call-${index}`, receivedAt: NOW - (40 - index) * 1000, bodyBytes: 100_000 }));
    const ids = recordExchanges(db, specs);
    const limitMib = 2;

    expect(pruner.usedBytes()).toBeGreaterThan(limitMib * 1024 * 1024);

    pruneAll({ ...OFF, keepMegabytes: limitMib });
    const left = remainingIds(store);

    expect(pruner.usedBytes()).toBeLessThanOrEqual(limitMib * 1024 * 1024);
    expect(left.length).toBeGreaterThan(5);
    expect(left).toEqual(ids.slice(ids.length - left.length));
  });

  it('never deletes exchanges in flight', async () => {
    const ids = recordExchanges(db, [
      { callId: 'a', receivedAt: NOW - 10 * DAY, pending: true },
      { callId: 'a', receivedAt: NOW - 10 * DAY },
    ]);

    pruneAll({ ...OFF, keepDays: 1 });

    expect(remainingIds(store)).toEqual([ids[0]]);
    expect(store.call('a')?.exchangeCount).toBe(1);
  });

  it('pages ids by key and lists pending ones', async () => {
    const ids = recordExchanges(db, [
      { callId: 'a', receivedAt: NOW, pending: true },
      { callId: 'a', receivedAt: NOW },
      { callId: 'a', receivedAt: NOW },
    ]);

    expect(pruner.idsBetween(0, pruner.maxId(), 2)).toEqual(ids.slice(0, 2));
    expect(pruner.idsBetween(ids[1] as number, pruner.maxId(), 2)).toEqual(ids.slice(2));
    expect(pruner.idsBetween(0, ids[1] as number, 10)).toEqual(ids.slice(0, 2));
    expect(pruner.pendingIdsUpTo(pruner.maxId())).toEqual([ids[0]]);
  });

  it('onlyPending keeps exchanges that finished', async () => {
    const ids = recordExchanges(db, [
      { callId: 'a', receivedAt: NOW, pending: true },
      { callId: 'a', receivedAt: NOW },
    ]);

    expect(pruner.delete(ids, { onlyPending: true })).toEqual({ exchanges: 1, calls: 0 });
    expect(remainingIds(store)).toEqual([ids[1]]);
    expect(store.call('a')?.exchangeCount).toBe(1);
  });

  it('delete clears replay links and auth details', async () => {
    const [original] = recordExchanges(db, [{ callId: 'a', receivedAt: NOW - 10 * DAY }]);
    const [replay] = recordExchanges(db, [{ callId: null, receivedAt: NOW }]);
    db.prepare('UPDATE exchanges SET replay_of = ? WHERE id = ?').run(original, replay);
    db.prepare("INSERT INTO auth_checks (exchange_id, detail) VALUES (?, '{}')").run(original);

    pruner.delete([original as number]);

    expect(store.summary(replay as number)?.replayOf).toBeNull();
    expect(db.prepare('SELECT count(*) AS n FROM auth_checks').get()).toEqual({ n: 0 });
  });
});
