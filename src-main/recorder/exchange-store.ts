import type { Database, Statement } from 'better-sqlite3';
import type { CallSummary, ExchangeDetail, ExchangeQuery, ExchangeSummary } from '../contract/exchange';
import { CallQueries } from './call-queries';
import {
  SUMMARY_COLUMNS,
  callFromRow,
  detailFromRow,
  summaryFromRow,
  type CallRow,
  type ExchangeDetailRow,
  type ExchangeSummaryRow,
} from './rows';

const DEFAULT_LIMIT = 200;
/** Most exchanges or calls one list query returns. */
export const MAX_LIST_LIMIT = 10_000;

/**
 * Reads exchanges and calls. Live recording writes on its own thread (see `Recorder`); this
 * connection sees each batch once it is committed.
 */
export class ExchangeStore {
  /** Reads one call's events and bodies for its timeline. */
  readonly callQueries: CallQueries;
  private readonly db: Database;
  private readonly selectSummary: Statement;
  private readonly selectDetail: Statement;
  private readonly selectCall: Statement;
  private readonly queryCache = new Map<string, Statement>();

  constructor(db: Database) {
    this.db = db;
    this.callQueries = new CallQueries(db);
    this.selectSummary = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM exchanges WHERE id = ?`);
    this.selectDetail = db.prepare('SELECT * FROM exchanges WHERE id = ?');
    this.selectCall = db.prepare('SELECT * FROM calls WHERE call_id = ?');
  }

  summary(id: number): ExchangeSummary | undefined {
    const row = this.selectSummary.get(id) as ExchangeSummaryRow | undefined;
    return row === undefined ? undefined : summaryFromRow(row);
  }

  detail(id: number): ExchangeDetail | undefined {
    const row = this.selectDetail.get(id) as ExchangeDetailRow | undefined;
    return row === undefined ? undefined : detailFromRow(row);
  }

  /** Ids of recorded calls that start with `prefix`, at most `limit`, in id order. */
  callIdsStartingWith(prefix: string, limit = 10): string[] {
    // A range over the primary key finds the prefix with the index, which LIKE would not use.
    const statement = this.prepareCached('SELECT call_id FROM calls WHERE call_id >= ? AND call_id < ? ORDER BY call_id LIMIT ?');
    return (statement.all(prefix, `${prefix}\uffff`, limit) as { call_id: string }[]).map((row) => row.call_id);
  }

  call(callId: string): CallSummary | undefined {
    const row = this.selectCall.get(callId) as CallRow | undefined;
    return row === undefined ? undefined : callFromRow(row);
  }

  /**
   * Exchanges matching every given filter, newest first. A text search sees the exchanges the
   * recording thread has indexed; `Engine.listExchanges` waits for the index first.
   */
  list(query: ExchangeQuery = {}): ExchangeSummary[] {
    const conditions: string[] = [];
    const parameters: Record<string, unknown> = {};

    if (query.type !== undefined) {
      conditions.push('event_type = @type');
      parameters.type = query.type;
    }

    if (query.callId !== undefined) {
      conditions.push('call_id = @callId');
      parameters.callId = query.callId;
    }

    if (query.outcome !== undefined) {
      conditions.push('outcome = @outcome');
      parameters.outcome = query.outcome;
    }

    if (query.status !== undefined) {
      conditions.push('status = @status');
      parameters.status = query.status;
    }

    if (query.beforeId !== undefined) {
      conditions.push('id < @beforeId');
      parameters.beforeId = query.beforeId;
    }

    if (query.afterId !== undefined) {
      conditions.push('id > @afterId');
      parameters.afterId = query.afterId;
    }

    if (query.hasWarnings === true) {
      conditions.push('checks IS NOT NULL');
    }

    if (query.text !== undefined && query.text.trim() !== '') {
      conditions.push('id IN (SELECT rowid FROM exchange_text WHERE exchange_text MATCH @text)');
      parameters.text = phraseQuery(query.text);
    }

    parameters.limit = Math.min(Math.max(1, query.limit ?? DEFAULT_LIMIT), MAX_LIST_LIMIT);
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM exchanges ${where} ORDER BY id DESC LIMIT @limit`;

    return (this.prepareCached(sql).all(parameters) as ExchangeSummaryRow[]).map(summaryFromRow);
  }

  /** Calls, most recently active first. */
  listCalls(limit = DEFAULT_LIMIT): CallSummary[] {
    const statement = this.prepareCached('SELECT * FROM calls ORDER BY last_seen_at DESC LIMIT ?');
    return (statement.all(Math.min(Math.max(1, limit), MAX_LIST_LIMIT)) as CallRow[]).map(callFromRow);
  }

  /** Bytes used by the database file and its write-ahead log. */
  databaseSizeBytes(): number {
    const pages = this.prepareCached('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()').get() as { bytes: number };
    return pages.bytes;
  }

  count(): number {
    return (this.prepareCached('SELECT count(*) AS n FROM exchanges').get() as { n: number }).n;
  }

  private prepareCached(sql: string): Statement {
    let statement = this.queryCache.get(sql);

    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.queryCache.set(sql, statement);
    }

    return statement;
  }
}

/** Turns user text into an FTS5 phrase, so quotes and operators in it are matched literally. */
function phraseQuery(text: string): string {
  return `"${text.trim().replaceAll('"', '""')}"`;
}
