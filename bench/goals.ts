import { REFERENCE, SWITCHBOARD, type LatencyCase, type LatencyResult } from './parts/latency';
import type { HistoryResult } from './parts/history';
import type { ThroughputResult } from './parts/throughput';

/** One goal and whether the run met it. */
export interface GoalCheck {
  goal: string;
  measured: string;
  met: boolean;
}

const ms = (value: number): string => `${value.toFixed(2)} ms`;

function addedBy(entry: LatencyCase, name: string): { p50: number; p99: number } {
  const added = entry.added.find((path) => path.name === name);
  return { p50: added?.p50 ?? Number.NaN, p99: added?.p99 ?? Number.NaN };
}

function latencyGoals(latency: LatencyResult): GoalCheck[] {
  const checks: GoalCheck[] = [];
  const small = latency.cases.find((entry) => entry.concurrency === 1 && entry.bodyBytes < 64 * 1024);

  if (small !== undefined) {
    const added = addedBy(small, SWITCHBOARD);
    checks.push({ goal: 'Added p50 under 1 ms (2 KB, concurrency 1)', measured: ms(added.p50), met: added.p50 < 1 });
    checks.push({ goal: 'Added p99 under 5 ms (2 KB, concurrency 1)', measured: ms(added.p99), met: added.p99 < 5 });
  }

  for (const entry of latency.cases) {
    const ours = addedBy(entry, SWITCHBOARD);
    const reference = addedBy(entry, REFERENCE);
    // A ratio of added latencies; at or under 1.0 means Switchboard adds no more than http-proxy.
    const ratio = ours.p50 / reference.p50;
    checks.push({
      goal: `Added p50 no more than ${REFERENCE}'s (${entry.body}, concurrency ${entry.concurrency})`,
      measured: `${ms(ours.p50)} vs ${ms(reference.p50)} (ratio ${ratio.toFixed(2)})`,
      met: ours.p50 <= reference.p50,
    });
  }

  const errors = latency.cases.flatMap((entry) => entry.paths).reduce((sum, path) => sum + path.errors, 0);
  checks.push({ goal: 'No failed requests on any path', measured: String(errors), met: errors === 0 });
  checks.push({
    goal: 'Every request through Switchboard recorded (latency run)',
    measured: `${latency.recorded.forwarded} of ${latency.recorded.sent}`,
    met: latency.recorded.forwarded === latency.recorded.sent,
  });
  return checks;
}

function throughputGoals(throughput: ThroughputResult): GoalCheck[] {
  const ours = throughput.paths.find((path) => path.name === SWITCHBOARD);
  const reference = throughput.paths.find((path) => path.name === REFERENCE);
  const ourRate = ours?.perSecond ?? 0;
  const referenceRate = reference?.perSecond ?? Number.NaN;

  return [
    {
      goal: `Recording throughput no lower than ${REFERENCE}'s (concurrency ${throughput.concurrency})`,
      measured: `${ourRate.toFixed(0)}/s vs ${referenceRate.toFixed(0)}/s (ratio ${(ourRate / referenceRate).toFixed(2)})`,
      met: ourRate >= referenceRate,
    },
    { goal: 'Recording throughput at least 2,000 exchanges/s', measured: `${ourRate.toFixed(0)}/s`, met: ourRate >= 2_000 },
    {
      goal: 'Nothing lost: every answered request has its row',
      measured: `${throughput.switchboard.forwardedRows} rows for ${throughput.switchboard.answered} answers`,
      met: throughput.switchboard.lost === 0,
    },
    {
      goal: 'Every recorded exchange in the search index after a graceful stop',
      measured: `${throughput.switchboard.searchableRows} of ${throughput.switchboard.rows}`,
      met: throughput.switchboard.searchableRows === throughput.switchboard.rows,
    },
  ];
}

function historyGoals(history: HistoryResult): GoalCheck[] {
  return history.queries
    .filter((query) => query.goalMs !== null)
    .map((query) => ({
      goal: `${query.name} under ${query.goalMs} ms (median of warm runs)`,
      measured: `${ms(query.medianMs)} (first ${ms(query.firstMs)})`,
      met: query.medianMs < (query.goalMs as number),
    }));
}

/** Checks each measured part against its goal. */
export function checkGoals(parts: { latency?: LatencyResult; throughput?: ThroughputResult; history?: HistoryResult }): GoalCheck[] {
  return [
    ...(parts.latency === undefined ? [] : latencyGoals(parts.latency)),
    ...(parts.throughput === undefined ? [] : throughputGoals(parts.throughput)),
    ...(parts.history === undefined ? [] : historyGoals(parts.history)),
  ];
}
