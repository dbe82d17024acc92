import { join } from 'node:path';
import { endOfCallReportBody, toolCallsBody } from '../bodies';
import type { BenchContext } from '../context';
import { runInterleaved, type LoadPath, type PathSamples } from '../load';
import { startHelperServer, startSwitchboard, type ServerProcess } from '../processes';
import { countRecorded, waitForRows } from '../recorded-rows';
import { summarize, type LatencySummary } from '../stats';

export const DIRECT = 'direct';
export const SWITCHBOARD = 'switchboard';
export const REFERENCE = 'http-proxy';

/** Maximum wait for Switchboard's rows to catch up with its replies after a warm-up or a case. */
const CATCH_UP_TIMEOUT_SECONDS = 120;

export interface PathLatency extends LatencySummary {
  name: string;
  errors: number;
  firstError: string | null;
}

/** Latency a proxy adds to the direct path, in ms: its figure minus the direct one. */
export interface AddedLatency {
  name: string;
  p50: number;
  p99: number;
  max: number;
}

export interface LatencyCase {
  body: string;
  bodyBytes: number;
  concurrency: number;
  requestsPerPath: number;
  paths: PathLatency[];
  added: AddedLatency[];
  /** Seconds after the case's last reply until Switchboard had written every row. */
  catchUpSeconds: number;
}

export interface LatencyResult {
  cases: LatencyCase[];
  recorded: { sent: number; rows: number; forwarded: number };
}

interface CasePlan {
  body: string;
  bytes: Buffer;
  concurrency: number;
  requests: number;
  warmup: number;
}

function plans(quick: boolean): CasePlan[] {
  const small = toolCallsBody(2 * 1024);
  const large = endOfCallReportBody(1024 * 1024);
  const scale = quick ? 0.2 : 1;

  return [
    { body: '2 KB tool-calls', bytes: small, concurrency: 1, requests: 3_000 * scale, warmup: 300 },
    { body: '2 KB tool-calls', bytes: small, concurrency: 32, requests: 6_000 * scale, warmup: 600 },
    { body: '1 MB end-of-call-report', bytes: large, concurrency: 1, requests: 300 * scale, warmup: 20 },
    { body: '1 MB end-of-call-report', bytes: large, concurrency: 32, requests: 300 * scale, warmup: 32 },
  ];
}

function addedOver(direct: LatencySummary, path: PathLatency): AddedLatency {
  return { name: path.name, p50: path.p50 - direct.p50, p99: path.p99 - direct.p99, max: path.max - direct.max };
}

/** Counts the requests to `path` that completed in one interleaved run. */
function sentTo(path: string, samples: PathSamples[]): number {
  return samples.filter((sample) => sample.name === path).reduce((sum, sample) => sum + sample.latenciesMs.length, 0);
}

/**
 * Sends the same requests straight to a fast target, through `switchboard listen` (recording)
 * and through http-proxy, each in its own process, alternating the three request by request.
 * Each case starts once Switchboard has written the rows of everything before it, so a case is
 * not slowed by the recording left over from the one before.
 */
export async function measureLatency(context: BenchContext): Promise<LatencyResult> {
  const started: ServerProcess[] = [];

  try {
    const target = await startHelperServer('target', 'fast-target.ts', []);
    started.push(target);
    const reference = await startHelperServer(REFERENCE, 'reference-proxy.ts', [target.url]);
    started.push(reference);
    const dbPath = join(context.workDir, 'latency.db');
    const switchboard = await startSwitchboard({ targetUrl: target.url, dbPath, logPath: join(context.workDir, 'latency-listen.log') });
    started.push(switchboard);

    const paths: LoadPath[] = [
      { name: DIRECT, url: target.url },
      { name: SWITCHBOARD, url: switchboard.url },
      { name: REFERENCE, url: reference.url },
    ];
    const cases: LatencyCase[] = [];
    let sentToSwitchboard = 0;

    for (const plan of plans(context.quick)) {
      context.progress(`latency: ${plan.body}, concurrency ${plan.concurrency}, ${plan.requests} requests per path`);
      const load = { body: plan.bytes, requestPath: '/vapi/webhook', concurrency: plan.concurrency, maxSeconds: 90 };
      const warmup = await runInterleaved(paths, plan.warmup, load);
      sentToSwitchboard += sentTo(SWITCHBOARD, warmup);
      await waitForRows(dbPath, sentToSwitchboard, CATCH_UP_TIMEOUT_SECONDS);

      const measured = await runInterleaved(paths, plan.requests, load);
      sentToSwitchboard += sentTo(SWITCHBOARD, measured);
      const catchUpSeconds = await waitForRows(dbPath, sentToSwitchboard, CATCH_UP_TIMEOUT_SECONDS);

      const pathLatencies = measured.map((sample) => ({ name: sample.name, ...summarize(sample.latenciesMs), errors: sample.errors, firstError: sample.firstError }));
      const direct = pathLatencies.find((path) => path.name === DIRECT) as PathLatency;
      cases.push({
        body: plan.body,
        bodyBytes: plan.bytes.length,
        concurrency: plan.concurrency,
        requestsPerPath: plan.requests,
        paths: pathLatencies,
        added: pathLatencies.filter((path) => path.name !== DIRECT).map((path) => addedOver(direct, path)),
        catchUpSeconds,
      });
    }

    await switchboard.stop();
    const rows = countRecorded(dbPath);
    return { cases, recorded: { sent: sentToSwitchboard, rows: rows.total, forwarded: rows.forwarded } };
  } finally {
    await Promise.all(started.map((server) => server.stop()));
  }
}
