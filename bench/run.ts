import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { BenchContext } from './context';
import { describeEnvironment } from './environment';
import { checkGoals } from './goals';
import { cachedHistory } from './history/cached-history';
import { measureHistory } from './parts/history';
import { measureLatency } from './parts/latency';
import { measureThroughput } from './parts/throughput';
import { measureUi } from './parts/ui';
import { REPO_DIR } from './processes';
import { renderMarkdown, type BenchResults } from './report';

const PARTS = ['latency', 'throughput', 'history', 'ui'] as const;
type Part = (typeof PARTS)[number];

/** A run that passes this many minutes is stopped, whatever part it is in. */
const MAX_RUN_MINUTES = 25;

interface RunOptions {
  parts: Part[];
  quick: boolean;
  duration?: number;
  regenerate: boolean;
  out: string;
  markdown?: string;
  keepTemp: boolean;
  from?: string;
}

function parseParts(value: string): Part[] {
  const parts = value.split(',').map((part) => part.trim());
  const unknown = parts.filter((part) => !PARTS.includes(part as Part));

  if (unknown.length > 0) {
    throw new InvalidArgumentError(`Unknown part "${unknown.join(', ')}". Use a comma-separated list of: ${PARTS.join(', ')}.`);
  }

  return parts as Part[];
}

function parseDuration(value: string): number {
  const seconds = Number(value);

  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600) {
    throw new InvalidArgumentError(`"${value}" is not a duration. Give seconds from 1 to 600, such as 60.`);
  }

  return seconds;
}

/** Reads a results file written by an earlier run, or throws an error that explains what is wrong with it. */
function readSavedResults(jsonPath: string): BenchResults {
  let parsed: unknown;

  try {
    parsed = JSON.parse(readFileSync(jsonPath, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `it is not JSON (${error.message})` : (error as Error).message;
    throw new SavedResultsError(`Cannot read ${jsonPath}: ${reason}. Pass --from with a file from bench/results.`);
  }

  const results = parsed as Partial<BenchResults> | null;

  if (typeof results !== 'object' || results === null || typeof results.startedAt !== 'string' || typeof results.environment !== 'object') {
    throw new SavedResultsError(`${jsonPath} is not a benchmark results file: it has no startedAt and environment. Pass --from with a file from bench/results.`);
  }

  return results as BenchResults;
}

/** A results file that cannot be read. Its message is the whole report, so no stack is printed. */
class SavedResultsError extends Error {}

/**
 * Writes the Markdown report of a saved results file. By default only a complete run's report
 * replaces the published page, and other reports go beside the file.
 */
function renderSaved(jsonPath: string, markdownPath: string | undefined): void {
  const results = readSavedResults(jsonPath);
  const complete = !results.quick && results.latency !== undefined && results.throughput !== undefined && results.history !== undefined && results.ui !== undefined;
  const path = markdownPath ?? (complete ? join(REPO_DIR, 'docs', 'benchmark.md') : `${jsonPath.replace(/\.json$/, '')}.md`);
  writeFileSync(path, renderMarkdown(results));
  process.stdout.write(`Markdown: ${path}\n`);
}

async function run(options: RunOptions, argv: string[]): Promise<void> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const workDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-run-'));
  const context: BenchContext = {
    quick: options.quick,
    workDir,
    throughputSeconds: options.duration ?? (options.quick ? 10 : 60),
    progress: (line) => process.stderr.write(`${line}\n`),
  };
  const results: BenchResults = { startedAt, seconds: 0, quick: options.quick, environment: describeEnvironment(argv), goals: [] };
  const wants = (part: Part): boolean => options.parts.includes(part);

  try {
    if (wants('latency')) results.latency = await measureLatency(context);
    if (wants('throughput')) results.throughput = await measureThroughput(context);
    if (wants('history')) results.history = measureHistory({ ...context, regenerate: options.regenerate });

    if (wants('ui')) {
      const scale = options.quick ? 10 : 1;
      const history = cachedHistory({ exchanges: 1_000_000 / scale, calls: 20_000 / scale, regenerate: false, progress: context.progress });
      results.ui = await measureUi(context, history);
    }
  } finally {
    if (!options.keepTemp) {
      rmSync(workDir, { recursive: true, force: true });
    }
  }

  results.seconds = (performance.now() - started) / 1000;
  results.goals = checkGoals(results);
  const markdown = renderMarkdown(results);
  const stamp = startedAt.replace(/[:.]/g, '-');
  const name = `${stamp}${options.quick ? '-quick' : ''}`;
  mkdirSync(options.out, { recursive: true });
  const jsonPath = join(options.out, `${name}.json`);
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);

  // Only a full run of every part replaces the published page; other runs keep theirs beside the JSON.
  const complete = !options.quick && PARTS.every(wants);
  const markdownPath = options.markdown ?? (complete ? join(REPO_DIR, 'docs', 'benchmark.md') : join(options.out, `${name}.md`));
  mkdirSync(join(markdownPath, '..'), { recursive: true });
  writeFileSync(markdownPath, markdown);

  process.stdout.write(`${markdown}\nResults: ${jsonPath}\nMarkdown: ${markdownPath}\n`);
}

const program = new Command('bench')
  .description('Measure Switchboard on loopback: added latency, recording throughput, history at scale and the inspector with a large history.')
  .addOption(new Option('--parts <list>', `comma-separated parts to run: ${PARTS.join(', ')}`).argParser(parseParts).default([...PARTS], 'all'))
  .option('--quick', 'smaller counts and a 10-second throughput run per path, to check that the benchmark works (about a minute)', false)
  .option('--duration <seconds>', 'recording throughput run per path, in seconds (default 60, or 10 with --quick)', parseDuration)
  .option('--regenerate', 'generate the history database again even when an earlier run left one', false)
  .option('--out <dir>', 'folder for the results JSON', join(REPO_DIR, 'bench', 'results'))
  .option('--markdown <file>', 'where to write the Markdown report (default: docs/benchmark.md for a full run, else beside the JSON)')
  .option('--keep-temp', 'keep the temp folder with the recording databases and listen logs', false)
  .option('--from <json>', 'measure nothing; write the Markdown report of a saved results file (a complete run to docs/benchmark.md, others beside the file, unless --markdown)')
  .action(async (options: RunOptions) => {
    if (options.from !== undefined) {
      renderSaved(options.from, options.markdown);
      return;
    }

    const watchdog = setTimeout(() => {
      process.stderr.write(`bench: stopped after ${MAX_RUN_MINUTES} minutes; a part did not finish.\n`);
      process.exit(2);
    }, MAX_RUN_MINUTES * 60_000);
    watchdog.unref();
    await run(options, process.argv.slice(2));
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  let detail = String(error);

  if (error instanceof SavedResultsError) {
    detail = error.message;
  } else if (error instanceof Error) {
    detail = error.stack ?? error.message;
  }

  process.stderr.write(`bench: ${detail}\n`);
  process.exit(1);
});
