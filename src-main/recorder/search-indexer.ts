import type { Database, Statement } from 'better-sqlite3';
import { searchableText } from './searchable-text';

/** Exchanges queued before they are indexed together; FTS5 writes one segment per transaction. */
const BATCH_EXCHANGES = 256;
/** Maximum time an exchange waits to be indexed, in ms, unless a text search indexes it first. */
const BATCH_DELAY_MS = 250;
/** Exchanges with more body bytes than this are indexed at once: their tokenizing outweighs a commit. */
const QUEUE_MAX_BODY_BYTES = 64 * 1024;
/** How far back, in ids, `indexMissing` looks for finished exchanges without search rows. */
const RECOVERY_WINDOW_IDS = 10_000;

interface QueuedExchange {
  id: number;
  text: string;
}

/**
 * Adds finished exchanges to the full-text index (`exchange_text`) in batches. Each FTS5
 * transaction writes a new index segment that later merges cost time again, so indexing a few
 * hundred exchanges at once costs far less than one at a time. Callers that search run
 * `indexPending` first, so a search never misses a finished exchange.
 */
export class SearchIndexer {
  private readonly db: Database;
  private readonly insertText: Statement;
  private readonly selectMissing: Statement;
  private queue: QueuedExchange[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(db: Database) {
    this.db = db;
    // An exchange deleted while queued (retention or a clear) gets no search row.
    this.insertText = db.prepare('INSERT INTO exchange_text (rowid, body) SELECT @id, @body WHERE EXISTS (SELECT 1 FROM exchanges WHERE id = @id)');
    this.selectMissing = db.prepare(`
      SELECT id, request_body, response_body FROM exchanges
      WHERE id > @floor AND outcome != 'pending' AND id NOT IN (SELECT rowid FROM exchange_text WHERE rowid > @floor)
      ORDER BY id`);
  }

  /**
   * Queues a finished exchange, or indexes it now when it is large or the batch is full.
   * `parsedRequest` is the request body already parsed as JSON, when the caller has it.
   */
  add(id: number, requestBody: Uint8Array, responseBody: Uint8Array | null, parsedRequest?: unknown): void {
    const text = searchableText(requestBody, responseBody, parsedRequest);

    if (requestBody.byteLength + (responseBody?.byteLength ?? 0) > QUEUE_MAX_BODY_BYTES) {
      this.insertText.run({ id, body: text });
      return;
    }

    this.queue.push({ id, text });

    if (this.queue.length >= BATCH_EXCHANGES) {
      this.indexPending();
    } else if (this.timer === null) {
      this.timer = setTimeout(() => this.indexPending(), BATCH_DELAY_MS);
      this.timer.unref();
    }
  }

  /** Indexes every queued exchange now, in one transaction (or in the caller's, when one is open). */
  indexPending(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }

    const batch = this.queue;
    this.queue = [];

    if (batch.length === 0) {
      return;
    }

    this.db.transaction(() => {
      for (const entry of batch) {
        this.insertText.run({ id: entry.id, body: entry.text });
      }
    }).immediate();
  }

  /**
   * Indexes finished exchanges among the newest that have no search row: ones still queued when
   * a previous run stopped abruptly, and ones marked interrupted at start. Returns how many.
   */
  indexMissing(): number {
    const newest = (this.db.prepare('SELECT max(id) AS id FROM exchanges').get() as { id: number | null }).id ?? 0;
    const rows = this.selectMissing.all({ floor: newest - RECOVERY_WINDOW_IDS }) as { id: number; request_body: Buffer; response_body: Buffer | null }[];

    this.db.transaction(() => {
      for (const row of rows) {
        this.insertText.run({ id: row.id, body: searchableText(row.request_body, row.response_body) });
      }
    }).immediate();

    return rows.length;
  }
}
