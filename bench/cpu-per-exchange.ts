import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { toolCallsSampleBody } from './bodies';
import { runForDuration, type ThroughputSlice } from './load';
import { waitForRows } from './recorded-rows';
import { recordingCpuMsPerExchange } from './recording-cost';
import { startHelperServer, startSwitchboard, type ServerProcess } from './processes';

const CONCURRENCY = 32;
const ROUNDS = 3;
const SECONDS_PER_ROUND = 3;
/** Maximum wait for Switchboard's rows to catch up with its replies after a slice, in seconds. */
const CATCH_UP_TIMEOUT_SECONDS = 60;

/** CPU time a process has used so far, user and system, in ms; Linux only, from /proc. */
function cpuMs(pid: number): number {
  const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] as string).split(' ');
  // Linux reports these in clock ticks of USER_HZ: 100 on x86 and ARM (see getconf CLK_TCK).
  const ticksPerSecond = 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/**
 * Measures the CPU time one exchange costs `switchboard listen` (all its threads), http-proxy and
 * a bare proxy on Node's HTTP modules, close to the least a proxy built on them spends. 32
 * keep-alive clients post the 10 KB tool-calls sample in alternating 3-second rounds. Then
 * measures recording alone: the same exchanges through the recording thread without HTTP.
 * With --profile DIR, Switchboard also writes V8 CPU profiles of each thread there.
 */
async function main(options: { profile?: string }): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'switchboard-cpu-'));
  const started: ServerProcess[] = [];

  try {
    const target = await startHelperServer('target', 'fast-target.ts', []);
    started.push(target);
    const reference = await startHelperServer('http-proxy', 'reference-proxy.ts', [target.url]);
    started.push(reference);
    const bare = await startHelperServer('bare Node proxy', 'bare-proxy.ts', [target.url]);
    started.push(bare);
    const nodeArgs = options.profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.profile}`];
    const dbPath = join(workDir, 'cpu.db');
    const switchboard = await startSwitchboard({ targetUrl: target.url, dbPath, logPath: join(workDir, 'listen.log'), nodeArgs });
    started.push(switchboard);
    const load = { body: toolCallsSampleBody(), requestPath: '/vapi/webhook', concurrency: CONCURRENCY };
    const totals = new Map<ServerProcess, { exchanges: number; errors: number; seconds: number; cpuMs: number }>();
    let switchboardAnswered = 0;

    // Switchboard writes rows after sending each reply, so each of its slices lasts until its
    // rows are written. The CPU of that catch-up is part of its cost per exchange.
    const runSlice = async (server: ServerProcess, seconds: number): Promise<ThroughputSlice> => {
      const slice = await runForDuration({ name: server.name, url: server.url }, seconds, load);

      if (server === switchboard) {
        switchboardAnswered += slice.completed;
        await waitForRows(dbPath, switchboardAnswered, CATCH_UP_TIMEOUT_SECONDS);
      }

      return slice;
    };

    for (const server of [switchboard, reference, bare]) {
      await runSlice(server, 1);
      totals.set(server, { exchanges: 0, errors: 0, seconds: 0, cpuMs: 0 });
    }

    for (let round = 0; round < ROUNDS; round += 1) {
      for (const server of [switchboard, reference, bare]) {
        const before = cpuMs(server.pid);
        const slice = await runSlice(server, SECONDS_PER_ROUND);
        const total = totals.get(server) as { exchanges: number; errors: number; seconds: number; cpuMs: number };
        total.exchanges += slice.completed;
        total.errors += slice.errors;
        total.seconds += slice.seconds;
        total.cpuMs += cpuMs(server.pid) - before;
      }
    }

    for (const [server, total] of totals) {
      const perSecond = Math.round(total.exchanges / total.seconds);
      const failed = total.errors === 0 ? '' : ` (${total.errors} requests failed)`;
      process.stdout.write(`${server.name}: ${perSecond} exchanges/s answered, ${(total.cpuMs / total.exchanges).toFixed(3)} ms of CPU per exchange${failed}\n`);
    }
  } finally {
    for (const server of started.reverse()) {
      await server.stop();
    }

    rmSync(workDir, { recursive: true, force: true });
  }

  const recordingMs = await recordingCpuMsPerExchange(toolCallsSampleBody());
  process.stdout.write(`recording alone (the same exchange through the recording thread, no HTTP): ${recordingMs.toFixed(3)} ms of CPU per exchange\n`);
}

const program = new Command('cpu-per-exchange')
  .description('Measure the CPU time per exchange of switchboard listen, http-proxy and a bare Node proxy (Linux only).')
  .option('--profile <dir>', 'also write V8 CPU profiles of every Switchboard thread to this folder');
program.parse();
void main(program.opts<{ profile?: string }>());
