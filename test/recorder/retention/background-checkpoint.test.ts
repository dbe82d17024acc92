import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundCheckpoint } from '../../../src-main/recorder/background-checkpoint';
import { ExchangeStore } from '../../../src-main/recorder/exchange-store';
import { openDatabase } from '../../../src-main/recorder/open-database';
import { tempFolder } from '../../support/temp-db';
import { recordExchanges } from './record-exchanges';

describe('BackgroundCheckpoint', () => {
  const cleanups: (() => Promise<void> | void)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup();
    }
  });

  it('copies the log into the file', async () => {
    const temp = tempFolder();
    const db = openDatabase(temp.dbPath);
    cleanups.push(() => temp.remove(), () => {
      db.close();
    });
    const checkpoint = new BackgroundCheckpoint(db);
    cleanups.push(() => checkpoint.stop());
    const emptySize = statSync(temp.dbPath).size;

    recordExchanges(db, Array.from({ length: 40 }, () => ({ callId: 'a', receivedAt: Date.now(), bodyBytes: 50_000 })));
    await checkpoint.stop();

    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    expect(statSync(temp.dbPath).size).toBeGreaterThan(emptySize + 40 * 50_000);
  });

  it('falls back when the worker cannot open', async () => {
    const temp = tempFolder();
    const db = openDatabase(temp.dbPath);
    cleanups.push(() => temp.remove(), () => {
      db.close();
    });
    const errors: string[] = [];
    const checkpoint = new BackgroundCheckpoint(db, { nativeBinding: '/nonexistent/better_sqlite3.node', onError: (message) => errors.push(message) });
    await checkpoint.stop();

    expect(errors[0]).toContain('cannot open the database on a worker thread');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
