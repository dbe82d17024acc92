import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_VAPI_FIELDS } from '../../src-main/core/vapi-event';
import { SwitchboardError } from '../../src-main/core/errors';
import { ExchangeStore } from '../../src-main/recorder/exchange-store';
import { ExchangeWriter } from '../../src-main/recorder/exchange-writer';
import { SCHEMA_VERSION, TABLES_CREATED } from '../../src-main/recorder/migrations';
import { openDatabase } from '../../src-main/recorder/open-database';
import { tempFolder } from '../support/temp-db';

const folders: ReturnType<typeof tempFolder>[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) folder.remove();
});

function temp() {
  const folder = tempFolder();
  folders.push(folder);
  return folder;
}

function errorOf(action: () => unknown): SwitchboardError {
  try {
    action();
  } catch (error) {
    return error as SwitchboardError;
  }

  throw new Error('expected an error');
}

describe('openDatabase', () => {
  it('creates the schema in WAL mode', () => {
    const { dbPath } = temp();
    const db = openDatabase(dbPath);

    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('sets the search index merge threshold', () => {
    const db = openDatabase(temp().dbPath);

    expect(db.prepare("SELECT v FROM exchange_text_config WHERE k = 'automerge'").pluck().get()).toBe(16);
    db.close();
  });

  it('sets the search index delete merge threshold', () => {
    const db = openDatabase(temp().dbPath);

    expect(db.prepare("SELECT v FROM exchange_text_config WHERE k = 'deletemerge'").pluck().get()).toBe(50);
    db.close();
  });

  it('creates missing parent folders', () => {
    const { folder } = temp();
    const db = openDatabase(join(folder, 'a', 'b', 'switchboard.db'));

    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('rejects a database from a newer version', () => {
    const { dbPath } = temp();
    openDatabase(dbPath).close();
    const raw = new BetterSqlite3(dbPath);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();

    const error = errorOf(() => openDatabase(dbPath));

    expect(error.code).toBe('database_too_new');
    expect(error.message).toContain(dbPath);
    expect(error.message).toContain('Upgrade Switchboard');
  });

  it('rejects a file that is not a database', () => {
    const { dbPath } = temp();
    writeFileSync(dbPath, 'this is a text file, not SQLite '.repeat(100));

    const error = errorOf(() => openDatabase(dbPath));

    expect(error.code).toBe('database_corrupt');
    expect(error.message).toContain('left untouched');
  });

  it('leaves another program\'s database untouched', () => {
    const { dbPath } = temp();
    const raw = new BetterSqlite3(dbPath);
    raw.exec('CREATE TABLE notes (text TEXT)');
    raw.close();

    const error = errorOf(() => openDatabase(dbPath));
    const after = new BetterSqlite3(dbPath);

    expect(error.code).toBe('database_foreign');
    expect(error.message).toContain('notes');
    expect(error.message).toContain('Pass --db');
    expect(after.pragma('user_version', { simple: true })).toBe(0);
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(after.prepare('SELECT name FROM sqlite_master').pluck().all()).toEqual(['notes']);
    after.close();
  });

  it('rejects a versioned database without exchanges', () => {
    const { dbPath } = temp();
    const raw = new BetterSqlite3(dbPath);
    raw.exec('CREATE TABLE notes (text TEXT)');
    raw.pragma('user_version = 2');
    raw.close();

    expect(errorOf(() => openDatabase(dbPath)).code).toBe('database_foreign');
    expect(errorOf(() => openDatabase(dbPath, { readonly: true })).code).toBe('database_foreign');
  });

  it.each([
    ['an exchanges table alone at version 3', ['CREATE TABLE exchanges (id INTEGER PRIMARY KEY)', 'PRAGMA user_version = 3']],
    ['a view alone', ['CREATE VIEW answer AS SELECT 42']],
    ['an application id and no tables', ['PRAGMA application_id = 1234']],
    ['no tables at a version past this build', [`PRAGMA user_version = ${SCHEMA_VERSION + 1}`]],
  ])('rejects %s', (_case, statements) => {
    const { dbPath } = temp();
    const raw = new BetterSqlite3(dbPath);
    for (const statement of statements) raw.exec(statement);
    raw.close();
    const before = readFileSync(dbPath);

    expect(errorOf(() => openDatabase(dbPath)).code).toBe('database_foreign');
    expect(readFileSync(dbPath).equals(before)).toBe(true);
  });

  it('lists the tables of every migration', () => {
    const db = openDatabase(temp().dbPath);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();

    expect(TABLES_CREATED).toHaveLength(SCHEMA_VERSION);
    expect(tables).toEqual(expect.arrayContaining(TABLES_CREATED.flat()));
    db.close();
  });

  it('turns an empty file into a database', () => {
    const { dbPath } = temp();
    writeFileSync(dbPath, '');
    const db = openDatabase(dbPath);

    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('names the folder it cannot write', () => {
    const { folder } = temp();
    const locked = join(folder, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    // Root can write anywhere, so this check only means something for other users.
    const isRoot = process.getuid?.() === 0;

    if (isRoot) writeFileSync(join(folder, 'file-as-folder'), 'x');
    const error = errorOf(() => openDatabase(isRoot ? join(folder, 'file-as-folder', 'x.db') : join(locked, 'x.db')));

    expect(error.code).toBe('database_unwritable');
    expect(error.message).toContain('Pass --db');
    chmodSync(locked, 0o700);
  });

  it('marks exchanges left pending by a crash as interrupted', () => {
    const { dbPath } = temp();
    const first = openDatabase(dbPath);
    const id = new ExchangeWriter(first).insert({
      receivedAt: Date.now(),
      method: 'POST',
      path: '/',
      query: '',
      requestHeaders: [['Content-Type', 'application/json']],
      requestBody: Buffer.from('{"message":{}}'),
      fields: EMPTY_VAPI_FIELDS,
      callFacts: {},
      targetUrl: 'http://127.0.0.1:1/',
    });
    first.close();

    const reopened = openDatabase(dbPath);
    const store = new ExchangeStore(reopened);

    expect(new ExchangeWriter(reopened).interruptAbandoned()).toBe(1);
    expect(store.detail(id)?.outcome).toBe('interrupted');
    expect(Buffer.from(store.detail(id)?.requestBody as Uint8Array).toString()).toBe('{"message":{}}');
    reopened.close();
  });
});
