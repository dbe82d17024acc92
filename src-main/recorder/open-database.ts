import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { messageOf, SwitchboardError } from '../core/errors';
import { MIGRATIONS, SCHEMA_VERSION, TABLES_CREATED } from './migrations';

export interface OpenDatabaseOptions {
  /**
   * Path of a better-sqlite3 binding built for the current runtime. Electron and Node need
   * different builds of the native module, so the desktop shell passes its own.
   */
  nativeBinding?: string;
  readonly?: boolean;
}

/** The native binding each database was opened with, for worker threads that open the same file. */
const bindings = new WeakMap<Database, string>();

/** The `nativeBinding` path `db` was opened with, or undefined for the default build. */
export function nativeBindingOf(db: Database): string | undefined {
  return bindings.get(db);
}

/**
 * Opens (creating when needed) a recording database, applies pending migrations and sets WAL.
 * Rejects a database written by a newer Switchboard, so an old build never damages it.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  const readonly = options.readonly ?? false;

  if (!readonly) {
    ensureWritableFolder(file);
  } else if (!existsSync(file)) {
    throw new SwitchboardError(
      'database_not_found',
      `Cannot open the database ${file}: the file does not exist. Run "switchboard listen" first, or pass --db with the file it printed.`,
      { file },
    );
  }

  let db: Database;
  try {
    db = new BetterSqlite3(file, {
      readonly,
      fileMustExist: readonly,
      ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    });
  } catch (error) {
    throw databaseOpenError(file, error, readonly);
  }

  try {
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    checkIsSwitchboardDatabase(db, file, version);

    if (version > SCHEMA_VERSION) {
      throw new SwitchboardError(
        'database_too_new',
        `The database ${file} was written by a newer Switchboard (schema ${version}; this build knows ${SCHEMA_VERSION}). Upgrade Switchboard, or pass --db with another file.`,
        { file },
      );
    }

    if (!readonly) {
      db.pragma('journal_mode = WAL');
      // In WAL mode, NORMAL keeps the database consistent across crashes of the app; only a power
      // loss can drop the last transactions.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrate(db, version);
    } else if (version < SCHEMA_VERSION) {
      throw new SwitchboardError(
        'database_too_new',
        `The database ${file} uses an older schema (${version}). Open it once with "switchboard listen --db ${file}" to upgrade it.`,
        { file },
      );
    }
  } catch (error) {
    db.close();
    throw error instanceof SwitchboardError ? error : databaseOpenError(file, error, readonly);
  }

  if (options.nativeBinding !== undefined) {
    bindings.set(db, options.nativeBinding);
  }

  return db;
}

/**
 * Rejects a file of another program before WAL mode or a migration changes it. A new file has no
 * schema and no application id, and a Switchboard database has every table its version created.
 */
function checkIsSwitchboardDatabase(db: Database, file: string, version: number): void {
  const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { type: string; name: string }[];
  const tables = new Set(objects.filter((object) => object.type === 'table').map((object) => object.name));
  const required = TABLES_CREATED.slice(0, version).flat();
  const isNew = version === 0 && objects.length === 0 && db.pragma('application_id', { simple: true }) === 0;
  const isSwitchboard = version > 0 && required.every((table) => tables.has(table));

  if (!isNew && !isSwitchboard) {
    const names = objects.slice(0, 5).map((object) => `${object.type} ${object.name}`);
    throw new SwitchboardError(
      'database_foreign',
      `${file} is a SQLite database of another program (${names.join(', ') || `schema version ${version}, no tables`}), so Switchboard leaves it untouched. Pass --db with a Switchboard database or a new file name.`,
      { file },
    );
  }
}

function migrate(db: Database, fromVersion: number): void {
  for (let version = fromVersion; version < MIGRATIONS.length; version += 1) {
    const migration = MIGRATIONS[version] as (db: Database) => void;

    db.transaction(() => {
      migration(db);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}

function ensureWritableFolder(file: string): void {
  const folder = dirname(file);

  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw new SwitchboardError(
      'database_unwritable',
      `Cannot write the database ${file}: the folder ${folder} cannot be created or written (${(error as Error).message}). Pass --db with a path in a folder you can write.`,
      { file },
      { cause: error },
    );
  }
}

function databaseOpenError(file: string, error: unknown, readonly: boolean): SwitchboardError {
  const message = messageOf(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';

  if (readonly && code === 'SQLITE_CANTOPEN') {
    return new SwitchboardError(
      'database_unwritable',
      `Cannot open the database ${file}: the file does not exist. Run "switchboard listen" first, or pass --db with the file it printed.`,
      { file },
      { cause: error },
    );
  }

  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new SwitchboardError(
      'database_corrupt',
      `Cannot open ${file}: it is not a Switchboard database or it is damaged (${message}). Pass --db with another file; this one is left untouched.`,
      { file },
      { cause: error },
    );
  }

  return new SwitchboardError(
    'database_unwritable',
    `Cannot open the database ${file}: ${message}. Check that the file and its folder are writable, or pass --db with another path.`,
    { file },
    { cause: error },
  );
}
