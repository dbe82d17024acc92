import { join } from 'node:path';
import { toolCallsSampleBody } from '../bodies';
import type { BenchContext } from '../context';
import { runForDuration, type LoadPath, type ThroughputSlice } from '../load';
import { startHelperServer, startSwitchboard, type ServerProcess } from '../processes';
import { countRecorded, waitForRows } from '../recorded-rows';
import { REFERENCE, SWITCHBOARD } from './latency';

const CONCURRENCY = 32;

/** Maximum wait for Switchboard's rows to catch up with its replies after a slice. */
const CATCH_UP_TIMEOUT_SECONDS = 120;

export interface PathThroughput {
  name: string;
  seconds: number;
  completed: number;
  errors: number;
  firstError: string | null;
  perSecond: number;
}

export interface ThroughputResult {
  bodyBytes: number;
  concurrency: number;
  sliceSeconds: number;
  paths: PathThroughput[];
  switchboard: {
    /** Requests that got status 200 through Switchboard, warm-up included. */
    answered: number;
    rows: number;
    forwardedRows: number;
    searchableRows: number;
    lost: number;
    /** Seconds spent after Switchboard's slices waiting for its rows to catch up; included in its time. */
    catchUpSeconds: number;
    rssBytesAtEnd: number;
    peakRssBytes: number;
  };
}

function total(name: string, slices: readonly ThroughputSlice[]): PathThroughput {
  const own = slices.filter((slice) => slice.name === name);
  const seconds = own.reduce((sum, slice) => sum + slice.seconds, 0);
  const completed = own.reduce((sum, slice) => sum + slice.completed, 0);
  const errors = own.reduce((sum, slice) => sum + slice.errors, 0);
  return { name, seconds, completed, errors, firstError: own.find((slice) => slice.firstError !== null)?.firstError ?? null, perSecond: completed / seconds };
}

/**
 * Keeps 32 requests in flight through `switchboard listen` and through http-proxy for the same
 * total time, in alternating slices, then counts the rows Switchboard recorded. Each Switchboard
 * slice lasts until its rows are written, so the rate is of exchanges recorded, not only answered.
 */
export async function measureThroughput(context: BenchContext): Promise<ThroughputResult> {
  const started: ServerProcess[] = [];
  const body = toolCallsSampleBody();
  const load = { body, requestPath: '/vapi/webhook', concurrency: CONCURRENCY };
  const sliceSeconds = Math.min(5, context.throughputSeconds);
  const sliceCount = Math.max(1, Math.round(context.throughputSeconds / sliceSeconds));

  try {
    const target = await startHelperServer('target', 'fast-target.ts', []);
    started.push(target);
    const reference = await startHelperServer(REFERENCE, 'reference-proxy.ts', [target.url]);
    started.push(reference);
    const dbPath = join(context.workDir, 'throughput.db');
    const switchboard = await startSwitchboard({ targetUrl: target.url, dbPath, logPath: join(context.workDir, 'throughput-listen.log') });
    started.push(switchboard);
    const paths: LoadPath[] = [
      { name: SWITCHBOARD, url: switchboard.url },
      { name: REFERENCE, url: reference.url },
    ];

    const warmup = await Promise.all(paths.map((path) => runForDuration(path, 1, load)));
    let answered = warmup.filter((slice) => slice.name === SWITCHBOARD).reduce((sum, slice) => sum + slice.completed, 0);
    await waitForRows(dbPath, answered, CATCH_UP_TIMEOUT_SECONDS);
    const slices: ThroughputSlice[] = [];
    let catchUpSeconds = 0;

    for (let index = 0; index < sliceCount; index += 1) {
      context.progress(`throughput: slice ${index + 1} of ${sliceCount} (${sliceSeconds} s per path)`);
      const order = index % 2 === 0 ? paths : [...paths].reverse();

      for (const path of order) {
        const slice = await runForDuration(path, sliceSeconds, load);

        // Rows written after the replies count as Switchboard's time, and are not left to run
        // during the next slice of the other path.
        if (path.name === SWITCHBOARD) {
          answered += slice.completed;
          const waited = await waitForRows(dbPath, answered, CATCH_UP_TIMEOUT_SECONDS);
          slice.seconds += waited;
          catchUpSeconds += waited;
        }

        slices.push(slice);
      }
    }

    const rssBytesAtEnd = switchboard.rssBytes();
    const peakRssBytes = switchboard.peakRssBytes();
    await switchboard.stop();
    const rows = countRecorded(dbPath);

    return {
      bodyBytes: body.length,
      concurrency: CONCURRENCY,
      sliceSeconds,
      paths: paths.map((path) => total(path.name, slices)),
      switchboard: {
        answered,
        rows: rows.total,
        forwardedRows: rows.forwarded,
        searchableRows: rows.searchable,
        lost: answered - rows.forwarded,
        catchUpSeconds,
        rssBytesAtEnd,
        peakRssBytes,
      },
    };
  } finally {
    await Promise.all(started.map((server) => server.stop()));
  }
}
