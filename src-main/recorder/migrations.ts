import type { Database } from 'better-sqlite3';

/**
 * Schema migrations in order. Migration N brings a database from `user_version` N-1 to N and runs
 * in its own transaction. Append new ones; never edit or remove one that has shipped.
 */
export const MIGRATIONS: readonly ((db: Database) => void)[] = [
  function createExchangesAndCalls(db) {
    db.exec(`
      CREATE TABLE exchanges (
        id INTEGER PRIMARY KEY,
        received_at INTEGER NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        query TEXT NOT NULL DEFAULT '',
        request_headers TEXT NOT NULL,
        request_body BLOB NOT NULL,
        request_size INTEGER NOT NULL,
        event_type TEXT,
        call_id TEXT,
        tool_names TEXT,
        tool_call_ids TEXT,
        customer_number TEXT,
        phone_number TEXT,
        assistant_id TEXT,
        assistant_name TEXT,
        target_url TEXT,
        status INTEGER,
        response_headers TEXT,
        response_body BLOB,
        response_size INTEGER,
        response_truncated INTEGER NOT NULL DEFAULT 0,
        duration_ms REAL,
        target_duration_ms REAL,
        outcome TEXT NOT NULL,
        error_code TEXT,
        error_message TEXT,
        mock_rule TEXT,
        replay_of INTEGER REFERENCES exchanges(id) ON DELETE SET NULL
      );

      CREATE INDEX exchanges_by_type ON exchanges (event_type, id);
      CREATE INDEX exchanges_by_call ON exchanges (call_id, id);
      CREATE INDEX exchanges_by_outcome ON exchanges (outcome, id);
      CREATE INDEX exchanges_by_status ON exchanges (status, id);
      CREATE INDEX exchanges_by_replay ON exchanges (replay_of) WHERE replay_of IS NOT NULL;

      CREATE TABLE calls (
        call_id TEXT PRIMARY KEY,
        first_seen_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        customer_number TEXT,
        phone_number TEXT,
        status TEXT,
        status_history TEXT NOT NULL DEFAULT '[]',
        ended_reason TEXT,
        cost REAL,
        duration_seconds REAL,
        exchange_count INTEGER NOT NULL DEFAULT 0
      );

      CREATE INDEX calls_by_last_seen ON calls (last_seen_at);

      -- Free-text search over request and response bodies. The table keeps no copy of the text
      -- (contentless), and its rowid is the exchange id.
      CREATE VIRTUAL TABLE exchange_text USING fts5 (body, content = '', contentless_delete = 1);
    `);
  },

  function addChecksAuthReplayAndRules(db) {
    db.exec(`
      ALTER TABLE exchanges ADD COLUMN checks TEXT;
      ALTER TABLE exchanges ADD COLUMN auth TEXT;
      ALTER TABLE exchanges ADD COLUMN auth_reason TEXT;
      ALTER TABLE exchanges ADD COLUMN source TEXT NOT NULL DEFAULT 'received';
      ALTER TABLE exchanges ADD COLUMN edited INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE exchanges ADD COLUMN signature TEXT;

      CREATE TABLE mock_rules (
        id INTEGER PRIMARY KEY,
        position INTEGER NOT NULL,
        definition TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },

  function addAuthChecks(db) {
    // The full explanation of each authentication check (expected values and the exact signed
    // bytes); the exchange row keeps only its state and reason.
    db.exec(`
      CREATE TABLE auth_checks (
        exchange_id INTEGER PRIMARY KEY REFERENCES exchanges(id) ON DELETE CASCADE,
        detail TEXT NOT NULL
      );
    `);
  },

  function countMockRuleChanges(db) {
    // The receiver reads this counter to learn whether any connection changed the rules.
    // SQLite's data_version would also change with every recorded exchange.
    db.exec(`
      CREATE TABLE mock_rule_changes (count INTEGER NOT NULL);
      INSERT INTO mock_rule_changes (count) VALUES (0);
      CREATE TRIGGER mock_rules_inserted AFTER INSERT ON mock_rules BEGIN UPDATE mock_rule_changes SET count = count + 1; END;
      CREATE TRIGGER mock_rules_updated AFTER UPDATE ON mock_rules BEGIN UPDATE mock_rule_changes SET count = count + 1; END;
      CREATE TRIGGER mock_rules_deleted AFTER DELETE ON mock_rules BEGIN UPDATE mock_rule_changes SET count = count + 1; END;
    `);
  },

  function mergeSearchIndexLessOften(db) {
    // FTS5 merges the index segments of a level once `automerge` of them exist (4 by default).
    // At 16, recording one exchange spends about 25% less time in the index, measured while
    // writing 300,000 rows, and searches over that index took about as long as before.
    db.exec(`INSERT INTO exchange_text (exchange_text, rank) VALUES ('automerge', 16);`);
  },

  function rewriteSearchSegmentsOnceHalfDeleted(db) {
    // FTS5 rewrites an index segment once `deletemerge` percent of its rows are deleted (10 by
    // default), so deleting most of a large history rewrote its segments again and again. At 50,
    // `switchboard clear` on 100,000 exchanges took 7.5 s instead of 70 s, compaction included.
    // A segment may then keep as many deleted entries as live ones before it gives the space back.
    db.exec(`INSERT INTO exchange_text (exchange_text, rank) VALUES ('deletemerge', 50);`);
  },
];

/**
 * The tables each migration creates, in the order of `MIGRATIONS`, so a file that claims a schema
 * version can be checked for them before it is changed.
 */
export const TABLES_CREATED: readonly (readonly string[])[] = [
  ['exchanges', 'calls', 'exchange_text'],
  ['mock_rules', 'settings'],
  ['auth_checks'],
  ['mock_rule_changes'],
  [],
  [],
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
