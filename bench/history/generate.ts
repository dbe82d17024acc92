import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src-main/recorder/open-database';
import { searchableText } from '../../src-main/recorder/searchable-text';
import { callEvents, callIdFor, type GeneratedEvent } from './call-events';
import { bookingConversation, seededRandom, type Conversation } from './conversation';

export interface GenerateOptions {
  dbPath: string;
  exchanges: number;
  calls: number;
  progress(line: string): void;
}

export interface GeneratedHistory {
  exchanges: number;
  calls: number;
  seconds: number;
  bytes: number;
  /** A phrase spoken in exactly one call, for the free-text search. */
  searchPhrase: string;
  /** The call whose timeline is timed: the one the phrase comes from. */
  sampleCallId: string;
}

const TRANSACTION_ROWS = 50_000;
interface GeneratedOutcome {
  status: number;
  outcome: string;
  errorCode: string | null;
  errorMessage: string | null;
}

const FORWARDED: GeneratedOutcome = { status: 200, outcome: 'forwarded', errorCode: null, errorMessage: null };
const FAILED: GeneratedOutcome = { status: 500, outcome: 'target_error', errorCode: 'target_error', errorMessage: 'The server at the target answered 500.' };
const TIMED_OUT: GeneratedOutcome = { status: 504, outcome: 'target_timeout', errorCode: 'target_timeout', errorMessage: 'The server did not answer in time.' };
const TARGET_URL = 'http://localhost:3000/vapi/webhook';
const REQUEST_HEADERS = (length: number): string =>
  JSON.stringify([
    ['Host', 'example-dev.ngrok.app'],
    ['User-Agent', 'axios/1.8.4'],
    ['Content-Length', String(length)],
    ['Accept', 'application/json, text/plain, */*'],
    ['Content-Type', 'application/json'],
    ['X-Vapi-Secret', 'synthetic-shared-secret-123'],
    ['X-Forwarded-For', '203.0.113.7'],
    ['X-Forwarded-Proto', 'https'],
    ['Accept-Encoding', 'gzip, compress, deflate, br'],
  ]);
const RESPONSE_HEADERS = (length: number): string =>
  JSON.stringify([
    ['X-Powered-By', 'Express'],
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Content-Length', String(length)],
    ['ETag', 'W/"2-vyGp6PvFo4RvsFtPoIWeCReyIC8"'],
    ['Date', 'Thu, 15 Jan 2026 17:30:11 GMT'],
    ['Connection', 'keep-alive'],
  ]);

/**
 * Writes a recording of `exchanges` exchanges across `calls` calls into a new database made by
 * `openDatabase`, so the schema, indexes and search table are the real ones. Rows go in with
 * direct inserts, 50,000 per transaction, with the journal in memory while generating, and the
 * database is switched back to WAL at the end. Two calls are in progress at any time, so their
 * events interleave as they do when calls overlap.
 */
export function generateHistory(options: GenerateOptions): GeneratedHistory {
  const started = performance.now();
  const db = openDatabase(options.dbPath);
  // better-sqlite3 runs SQLite in defensive mode, which forbids journal_mode OFF, so the journal
  // stays in memory instead. A crash while generating leaves a database to delete, nothing more.
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');

  const insertExchange = db.prepare(`
    INSERT INTO exchanges (id, received_at, method, path, query, request_headers, request_body, request_size, event_type,
      call_id, tool_names, tool_call_ids, customer_number, phone_number, assistant_id, assistant_name, target_url, status,
      response_headers, response_body, response_size, duration_ms, target_duration_ms, outcome, error_code, error_message)
    VALUES (?, ?, 'POST', '/vapi/webhook', '', ?, ?, ?, ?, ?, ?, ?, ?, '+15555550100', 'a9b8c7d6-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
      'Harbor Bistro Host', '${TARGET_URL}', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertText = db.prepare('INSERT INTO exchange_text (rowid, body) VALUES (?, ?)');
  const insertCall = db.prepare(`
    INSERT INTO calls (call_id, first_seen_at, last_seen_at, customer_number, phone_number, status, status_history,
      ended_reason, cost, duration_seconds, exchange_count)
    VALUES (?, ?, ?, ?, '+15555550100', 'ended', '["in-progress","ended"]', 'customer-ended-call', 0.1077, ?, ?)`);

  const random = seededRandom(20_260_115);
  const perCall = Math.floor(options.exchanges / options.calls);
  const sampleCallIndex = Math.floor(options.calls * 0.37);
  let sample: { callId: string; conversation: Conversation } | null = null;
  let id = 0;
  let clock = Date.UTC(2026, 0, 1);

  const writeEvent = (event: GeneratedEvent, callId: string, conversation: Conversation): void => {
    id += 1;
    const requestBody = Buffer.from(event.requestBody);
    const responseBody = Buffer.from(event.responseBody);
    // About 1 in 100 replies fails and 1 in 250 times out, as a server under development does.
    const roll = random();
    let outcome = FORWARDED;

    if (roll < 0.01) {
      outcome = FAILED;
    } else if (roll < 0.014) {
      outcome = TIMED_OUT;
    }

    const target = 2 + random() * 30;

    insertExchange.run(
      id,
      event.receivedAt,
      REQUEST_HEADERS(requestBody.length),
      requestBody,
      requestBody.length,
      event.type,
      callId,
      event.toolNames.length === 0 ? null : JSON.stringify(event.toolNames),
      event.toolCallIds.length === 0 ? null : JSON.stringify(event.toolCallIds),
      conversation.customerNumber,
      outcome.status,
      RESPONSE_HEADERS(responseBody.length),
      responseBody,
      responseBody.length,
      target + 0.4,
      target,
      outcome.outcome,
      outcome.errorCode,
      outcome.errorMessage,
    );
    insertText.run(id, searchableText(requestBody, responseBody));
  };

  const writeCalls = db.transaction((first: number, last: number) => {
    for (let pair = first; pair < last; pair += 2) {
      const open = [pair, pair + 1].filter((index) => index < options.calls).map((index) => {
        const callId = callIdFor(index);
        const conversation = bookingConversation(random);
        const count = index === options.calls - 1 ? options.exchanges - perCall * (options.calls - 1) : perCall;
        clock += 60_000 + Math.floor(random() * 600_000);

        if (index === sampleCallIndex) {
          sample = { callId, conversation };
        }

        return { callId, conversation, events: callEvents(callId, conversation, clock, count) };
      });
      const longest = Math.max(...open.map((call) => call.events.length));

      for (let step = 0; step < longest; step += 1) {
        for (const call of open) {
          const event = call.events[step];

          if (event !== undefined) {
            writeEvent(event, call.callId, call.conversation);
          }
        }
      }

      for (const call of open) {
        const first = call.events[0] as GeneratedEvent;
        const last = call.events[call.events.length - 1] as GeneratedEvent;
        insertCall.run(call.callId, first.receivedAt, last.receivedAt, call.conversation.customerNumber, (last.receivedAt - first.receivedAt) / 1000, call.events.length);
      }
    }
  });

  const callsPerTransaction = Math.max(2, Math.floor(TRANSACTION_ROWS / perCall / 2) * 2);

  for (let first = 0; first < options.calls; first += callsPerTransaction) {
    writeCalls(first, Math.min(options.calls, first + callsPerTransaction));
    options.progress(`history: ${id.toLocaleString('en-US')} of ${options.exchanges.toLocaleString('en-US')} exchanges written`);
  }

  db.pragma('journal_mode = WAL');
  db.close();

  const chosen = sample as { callId: string; conversation: Conversation } | null;

  if (chosen === null) {
    throw new Error(`No call was generated at index ${sampleCallIndex}.`);
  }

  const confirmation = chosen.conversation.lines.find((line) => line.includes('confirmation code')) as string;
  return {
    exchanges: id,
    calls: options.calls,
    seconds: (performance.now() - started) / 1000,
    bytes: statSync(options.dbPath).size,
    searchPhrase: (/confirmation code is \w+/.exec(confirmation) as RegExpExecArray)[0],
    sampleCallId: chosen.callId,
  };
}
