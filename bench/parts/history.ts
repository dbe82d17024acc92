import { performance } from 'node:perf_hooks';
import type { BenchContext } from '../context';
import { buildCallTimeline } from '../../src-main/core/call-timeline';
import { ExchangeStore } from '../../src-main/recorder/exchange-store';
import { openDatabase } from '../../src-main/recorder/open-database';
import { cachedHistory } from '../history/cached-history';
import { median } from '../stats';

/** Page sizes the inspector requests: its first page, each older page, and the call list. */
const FIRST_PAGE = 500;
const OLDER_PAGE = 5_000;
const CALL_LIST = 500;
const REPEATS = 15;

export interface QueryTiming {
  name: string;
  /** Rows the query returned. */
  rows: number;
  /** The first run on a fresh connection, statement preparation included, in ms. */
  firstMs: number;
  medianMs: number;
  maxMs: number;
  /** The goal this query is held to, in ms, or null when it only informs. */
  goalMs: number | null;
}

export interface HistoryResult {
  exchanges: number;
  calls: number;
  generationSeconds: number;
  reused: boolean;
  databaseBytes: number;
  bytesPerExchange: number;
  searchPhrase: string;
  openMs: number;
  queries: QueryTiming[];
}

function timeQuery(name: string, goalMs: number | null, run: () => number): QueryTiming {
  const samples: number[] = [];
  let rows = 0;

  for (let index = 0; index <= REPEATS; index += 1) {
    const started = performance.now();
    rows = run();
    samples.push(performance.now() - started);
  }

  return { name, rows, firstMs: samples[0] as number, medianMs: median(samples.slice(1)), maxMs: Math.max(...samples.slice(1)), goalMs };
}

/**
 * Times the inspector's queries on a database of 1,000,000 exchanges across 20,000 calls (a tenth
 * of that in quick mode), through the same store methods the control API calls.
 */
export function measureHistory(context: BenchContext & { regenerate: boolean }): HistoryResult {
  const scale = context.quick ? 10 : 1;
  const history = cachedHistory({
    exchanges: 1_000_000 / scale,
    calls: 20_000 / scale,
    regenerate: context.regenerate,
    progress: context.progress,
  });
  context.progress(`history: timing queries on ${history.exchanges.toLocaleString('en-US')} exchanges${history.reused ? ' (database reused from an earlier run)' : ''}`);

  const openedAt = performance.now();
  const db = openDatabase(history.dbPath);
  const store = new ExchangeStore(db);
  const openMs = performance.now() - openedAt;

  try {
    const firstPage = store.list({ limit: FIRST_PAGE });
    const queries = [
      timeQuery('list: first page (500)', 50, () => store.list({ limit: FIRST_PAGE }).length),
      timeQuery('list: older page (5,000, by id)', null, () => store.list({ limit: OLDER_PAGE, beforeId: (firstPage.at(-1)?.id ?? 1) - 100_000 / scale }).length),
      timeQuery('filter: type tool-calls (500)', 50, () => store.list({ type: 'tool-calls', limit: FIRST_PAGE }).length),
      timeQuery('filter: type end-of-call-report (500)', 50, () => store.list({ type: 'end-of-call-report', limit: FIRST_PAGE }).length),
      timeQuery('timeline: one call', 50, () => buildCallTimeline(store, history.sampleCallId)?.events.length ?? 0),
      timeQuery(`search: "${history.searchPhrase}"`, 300, () => store.list({ text: history.searchPhrase, limit: FIRST_PAGE }).length),
      timeQuery('search: "high chair" (in every call)', null, () => store.list({ text: 'high chair', limit: FIRST_PAGE }).length),
      timeQuery('calls: list (500)', 50, () => store.listCalls(CALL_LIST).length),
    ];

    return {
      exchanges: history.exchanges,
      calls: history.calls,
      generationSeconds: history.seconds,
      reused: history.reused,
      databaseBytes: history.bytes,
      bytesPerExchange: history.bytes / history.exchanges,
      searchPhrase: history.searchPhrase,
      openMs,
      queries,
    };
  } finally {
    db.close();
  }
}
