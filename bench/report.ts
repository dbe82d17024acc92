import type { Environment } from './environment';
import type { GoalCheck } from './goals';
import type { HistoryResult } from './parts/history';
import type { LatencyResult } from './parts/latency';
import type { ThroughputResult } from './parts/throughput';
import type { UiResult } from './parts/ui';

/** Everything one run measured, as written to the results JSON. */
export interface BenchResults {
  startedAt: string;
  seconds: number;
  quick: boolean;
  environment: Environment;
  latency?: LatencyResult;
  throughput?: ThroughputResult;
  history?: HistoryResult;
  ui?: UiResult;
  goals: GoalCheck[];
}

function table(header: string[], rows: (string | number)[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((cell) => (/^(p50|p99|max|added|rows|first|median|req|errors|value)/i.test(cell) ? '---:' : '---')).join(' | ')} |`];

  for (const row of rows) {
    lines.push(`| ${row.join(' | ')} |`);
  }

  return lines.join('\n');
}

const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

function latencySection(latency: LatencyResult): string {
  const rows = latency.cases.flatMap((entry) =>
    entry.paths.map((path) => {
      const added = entry.added.find((item) => item.name === path.name);
      return [
        entry.body,
        entry.concurrency,
        path.name,
        path.count,
        fixed(path.p50),
        fixed(path.p99),
        fixed(path.max),
        added === undefined ? '' : fixed(added.p50),
        added === undefined ? '' : fixed(added.p99),
        path.errors,
      ];
    }),
  );

  return [
    '## Added latency',
    '',
    'Client-side time from sending a request to the last byte of its reply, in ms. "Added" is the path\'s figure minus the direct one. The three paths alternate request by request.',
    '',
    table(['Body', 'Concurrency', 'Path', 'Requests', 'p50', 'p99', 'max', 'added p50', 'added p99', 'errors'], rows),
    '',
    `Switchboard recorded ${latency.recorded.forwarded} of the ${latency.recorded.sent} requests sent through it (warm-up included).`,
    'Each case started once the rows of everything before it were written. Seconds after each case\'s last reply until its rows were written:',
    '',
    table(['Body', 'Concurrency', 'Rows written after the last reply (s)'], latency.cases.map((entry) => [entry.body, entry.concurrency, fixed(entry.catchUpSeconds)])),
  ].join('\n');
}

function throughputSection(throughput: ThroughputResult): string {
  const own = throughput.switchboard;
  return [
    '## Recording throughput',
    '',
    `${throughput.concurrency} requests in flight, the ${throughput.bodyBytes}-byte tool-calls sample, alternating ${throughput.sliceSeconds}-second slices per path.`,
    '',
    table(
      ['Path', 'Seconds', 'Requests', 'req/s', 'errors'],
      throughput.paths.map((path) => [path.name, fixed(path.seconds, 1), path.completed, fixed(path.perSecond, 0), path.errors]),
    ),
    '',
    `Switchboard records on its own thread after it answers. Its seconds include ${fixed(own.catchUpSeconds ?? 0, 1)} s spent after its slices waiting for the rows to catch up with the replies, so its rate is of exchanges recorded.`,
    '',
    `Switchboard answered ${own.answered} requests and its database holds ${own.forwardedRows} forwarded rows (${own.rows} in all, ${own.searchableRows} in the search index): ${own.lost} lost. RSS at the end ${mib(own.rssBytesAtEnd)}, peak ${mib(own.peakRssBytes)}.`,
  ].join('\n');
}

function historySection(history: HistoryResult): string {
  return [
    '## History at scale',
    '',
    `${history.exchanges.toLocaleString('en-US')} exchanges across ${history.calls.toLocaleString('en-US')} calls, generated in ${fixed(history.generationSeconds, 0)} s${history.reused ? ' (by an earlier run; this run reused the database)' : ''}. Database ${mib(history.databaseBytes)}, ${fixed(history.bytesPerExchange / 1024, 1)} KiB per exchange. Opening it took ${fixed(history.openMs)} ms.`,
    '',
    table(
      ['Query', 'Rows', 'first (ms)', 'median (ms)', 'max (ms)', 'Goal (ms)'],
      history.queries.map((query) => [query.name, query.rows, fixed(query.firstMs), fixed(query.medianMs), fixed(query.maxMs), query.goalMs ?? '']),
    ),
  ].join('\n');
}

function uiSection(ui: UiResult): string {
  if (!ui.ready) {
    return ['## Inspector with a large history', '', `Not measured: ${ui.reason ?? 'the inspector was not ready'}.`].join('\n');
  }

  return [
    '## Inspector with a large history',
    '',
    `Headless Chromium on a history of ${ui.historyExchanges.toLocaleString('en-US')} exchanges, scrolling the exchange list ${ui.targetRows.toLocaleString('en-US')} rows down one step of 40 rows per frame; the inspector loads older pages as the end nears.`,
    '',
    table(
      ['Measure', 'Value'],
      [
        ['Time to first rows', `${fixed(ui.firstRowsMs, 0)} ms`],
        ['Rows scrolled', ui.rowsScrolled.toLocaleString('en-US')],
        ['Scrolling time', `${fixed(ui.scrollSeconds, 1)} s`],
        ['Frames', ui.frames],
        ['Frames over 50 ms', ui.longFrames],
        ['p99 frame', `${fixed(ui.p99FrameMs, 1)} ms`],
        ['Longest frame', `${fixed(ui.maxFrameMs, 1)} ms`],
      ],
    ),
  ].join('\n');
}

function goalsSection(goals: readonly GoalCheck[]): string {
  return ['## Goals', '', table(['Goal', 'Measured', 'Met'], goals.map((goal) => [goal.goal, goal.measured, goal.met ? 'yes' : '**no**']))].join('\n');
}

/** Renders the results as Markdown: the machine and command, then one section per measured part. */
export function renderMarkdown(results: BenchResults): string {
  const environment = results.environment;
  const sections = [
    '# Benchmark',
    '',
    `Run on ${results.startedAt.slice(0, 10)} with \`${environment.command}\`, ${fixed(results.seconds, 0)} s${results.quick ? ' (quick mode: smaller counts, for checking the benchmark rather than for numbers)' : ''}.`,
    '',
    `Machine: ${environment.cpu}, ${environment.cores} cores, ${environment.memoryGiB} GiB, ${environment.os}; Node ${environment.node}, SQLite ${environment.sqlite}; commit ${environment.commit}.`,
    '',
    'Every server runs on loopback in its own process: a fast target, `switchboard listen` from the built CLI with recording on, and http-proxy 1.18 as the reference. The load generator shares the machine, so the absolute numbers include its cost; the comparisons between paths are the point.',
    '',
    'How the benchmark works, why some goals are missed and where the time goes: [benchmark-notes.md](benchmark-notes.md).',
    '',
    goalsSection(results.goals),
  ];

  if (results.latency !== undefined) sections.push('', latencySection(results.latency));
  if (results.throughput !== undefined) sections.push('', throughputSection(results.throughput));
  if (results.history !== undefined) sections.push('', historySection(results.history));
  if (results.ui !== undefined) sections.push('', uiSection(results.ui));

  return `${sections.join('\n')}\n`;
}
