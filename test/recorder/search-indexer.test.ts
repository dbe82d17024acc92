import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExchangeWriter } from '../../src-main/recorder/exchange-writer';
import { ExchangeStore } from '../../src-main/recorder/exchange-store';
import { openDatabase } from '../../src-main/recorder/open-database';
import { SearchIndexer } from '../../src-main/recorder/search-indexer';
import { tempFolder } from '../support/temp-db';
import { recordExchanges } from './retention/record-exchanges';

describe('SearchIndexer', () => {
  let temp: ReturnType<typeof tempFolder>;
  let db: Database;
  let store: ExchangeStore;

  beforeEach(() => {
    temp = tempFolder();
    db = openDatabase(temp.dbPath);
    store = new ExchangeStore(db);
  });

  afterEach(() => {
    db.close();
    temp.remove();
  });

  function indexedIds(): number[] {
    return db.prepare('SELECT rowid FROM exchange_text ORDER BY rowid').pluck().all() as number[];
  }

  it('search finds a just-finished exchange', async () => {
    const [id] = recordExchanges(db, [{ callId: 'a', receivedAt: Date.now(), text: 'velvet armadillo' }]);

    expect(store.list({ text: 'velvet armadillo' }).map((exchange) => exchange.id)).toEqual([id]);
  });

  it('indexes queued exchanges together', () => {
    const ids = db.transaction(() => [1, 2, 3].map((index) => db.prepare("INSERT INTO exchanges (received_at, method, path, request_headers, request_body, request_size, outcome) VALUES (?, 'POST', '/', '[]', ?, 1, 'forwarded')").run(index, Buffer.from(`word${index}`)).lastInsertRowid as number))();
    const indexer = new SearchIndexer(db);

    for (const id of ids) {
      indexer.add(id, Buffer.from(`queued body ${id}`), null);
    }

    expect(indexedIds()).toEqual([]);

    indexer.indexPending();

    expect(indexedIds()).toEqual(ids);
  });

  it('indexes large bodies at once', () => {
    const id = db.prepare("INSERT INTO exchanges (received_at, method, path, request_headers, request_body, request_size, outcome) VALUES (1, 'POST', '/', '[]', x'00', 1, 'forwarded')").run().lastInsertRowid as number;

    new SearchIndexer(db).add(id, Buffer.from('large '.repeat(20_000)), null);

    expect(indexedIds()).toEqual([id]);
  });

  it('skips exchanges deleted while queued', () => {
    const id = db.prepare("INSERT INTO exchanges (received_at, method, path, request_headers, request_body, request_size, outcome) VALUES (1, 'POST', '/', '[]', x'00', 1, 'forwarded')").run().lastInsertRowid as number;
    const indexer = new SearchIndexer(db);
    indexer.add(id, Buffer.from('soon gone'), null);
    db.prepare('DELETE FROM exchanges WHERE id = ?').run(id);

    indexer.indexPending();

    expect(indexedIds()).toEqual([]);
  });

  it('start indexes what a crash left', async () => {
    const ids = recordExchanges(db, [
      { callId: 'a', receivedAt: Date.now(), text: 'orphaned pangolin' },
      { callId: 'a', receivedAt: Date.now(), pending: true, text: 'interrupted pangolin' },
    ]);
    db.prepare('DELETE FROM exchange_text WHERE rowid = ?').run(ids[0]);

    expect(new ExchangeWriter(db).interruptAbandoned()).toBe(1);
    expect(indexedIds()).toEqual(ids);
    expect(store.list({ text: 'interrupted pangolin' }).map((exchange) => exchange.outcome)).toEqual(['interrupted']);
  });
});
