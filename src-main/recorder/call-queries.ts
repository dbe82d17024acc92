import type { Database, Statement } from 'better-sqlite3';
import type { ExchangeSummary } from '../contract/exchange';
import { SUMMARY_COLUMNS, summaryFromRow, type ExchangeSummaryRow } from './rows';

/** Fields of `message` that a call's timeline shows, read by SQLite so bodies stay on disk. */
export interface EventFacts {
  status: string | null;
  endedReason: string | null;
  role: string | null;
  transcriptType: string | null;
  transcript: string | null;
  /** Epoch milliseconds when a number, or an ISO string in older traffic. */
  timestamp: number | string | null;
  messageCount: number | null;
}

/** One event of a call with the facts read from its body. */
export interface CallEventRow {
  summary: ExchangeSummary;
  facts: EventFacts;
}

/** The stored bodies of one exchange. */
export interface ExchangeBodies {
  id: number;
  requestBody: Buffer;
  responseBody: Buffer | null;
}

// json_extract with several paths returns one JSON array, so each body is parsed once. Bodies are
// stored as BLOBs, and SQLite 3.45+ reads a BLOB argument as its binary JSONB format, so the body
// is cast to TEXT first. json_valid keeps one malformed body from failing the whole query.
const FACTS_SQL = `CASE WHEN json_valid(CAST(request_body AS TEXT)) THEN json_array(
  json_extract(CAST(request_body AS TEXT), '$.message.status', '$.message.endedReason', '$.message.role',
    '$.message.transcriptType', '$.message.transcript', '$.message.timestamp'),
  json_array_length(CAST(request_body AS TEXT), '$.message.messages')) END AS facts`;

function stringFact(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function factsFromJson(json: string | null): EventFacts {
  const [paths, messageCount] = json === null ? [] : (JSON.parse(json) as [unknown[], unknown]);
  const values = paths ?? [];
  const timestamp = values[5];

  return {
    status: stringFact(values[0]),
    endedReason: stringFact(values[1]),
    role: stringFact(values[2]),
    transcriptType: stringFact(values[3]),
    transcript: stringFact(values[4]),
    timestamp: typeof timestamp === 'number' || typeof timestamp === 'string' ? timestamp : null,
    messageCount: typeof messageCount === 'number' ? messageCount : null,
  };
}

/** Reads one call's events and the bodies its timeline needs, with statements prepared once. */
export class CallQueries {
  private readonly selectEvents: Statement;
  private readonly selectBodies: Statement;
  private readonly selectLatestOfType: Statement;

  constructor(db: Database) {
    this.selectEvents = db.prepare(`SELECT ${SUMMARY_COLUMNS}, ${FACTS_SQL} FROM exchanges WHERE call_id = ? ORDER BY id LIMIT ?`);
    this.selectBodies = db.prepare('SELECT id, request_body, response_body FROM exchanges WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id');
    this.selectLatestOfType = db.prepare('SELECT id FROM exchanges WHERE call_id = ? AND event_type = ? ORDER BY id DESC LIMIT 1');
  }

  /** Returns the first `limit` exchanges of a call in arrival order, with the facts of each body. */
  events(callId: string, limit: number): CallEventRow[] {
    const rows = this.selectEvents.all(callId, limit) as (ExchangeSummaryRow & { facts: string | null })[];
    return rows.map((row) => ({ summary: summaryFromRow(row), facts: factsFromJson(row.facts) }));
  }

  /** Request and response bodies of the given exchanges, in id order. */
  bodiesOf(ids: readonly number[]): ExchangeBodies[] {
    if (ids.length === 0) {
      return [];
    }

    const rows = this.selectBodies.all(JSON.stringify(ids)) as { id: number; request_body: Buffer; response_body: Buffer | null }[];
    return rows.map((row) => ({ id: row.id, requestBody: row.request_body, responseBody: row.response_body }));
  }

  /** Id of the newest exchange of a call with the given event type, if any. */
  latestIdOfType(callId: string, type: string): number | undefined {
    return (this.selectLatestOfType.get(callId, type) as { id: number } | undefined)?.id;
  }
}
