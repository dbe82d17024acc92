import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { toolCallsSampleBody } from './bodies';
import { runForDuration } from './load';
import { recordingCpuMsPerExchange } from './recording-cost';
import { startHelperServer, startSwitchboard, type ServerProcess } from './processes';

const CONCURRENCY = 32;
const ROUNDS = 3;
const SECONDS_PER_ROUND = 3;

/** CPU time a process has used so far, user and system, in ms; Linux only, from /proc. */
function cpuMs(pid: number): number {
  const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] as string).split(' ');
  // Linux reports these in clock ticks of USER_HZ: 100 on x86 and ARM (see getconf CLK_TCK).
  const ticksPerSecond = 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/**
 * Measures the CPU time one exchange costs `switchboard listen` (all its threads), http-proxy and
 * a bare proxy on Node's HTTP modules (close to the least a proxy built on them spends), with 32 keep-alive clients
 * posting the 10 KB tool-calls sample in alternating 3-second rounds. Then measures recording
 * alone: the same exchanges through the recording thread without HTTP, on an idle machine.
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
    const switchboard = await startSwitchboard({ targetUrl: target.url, dbPath: join(workDir, 'cpu.db'), logPath: join(workDir, 'listen.log'), nodeArgs });
    started.push(switchboard);
    const load = { body: toolCallsSampleBody(), requestPath: '/vapi/webhook', concurrency: CONCURRENCY };
    const totals = new Map<ServerProcess, { exchanges: number; seconds: number; cpuMs: number }>();

    for (const server of [switchboard, reference, bare]) {
      await runForDuration({ name: server.name, url: server.url }, 1, load);
      totals.set(server, { exchanges: 0, seconds: 0, cpuMs: 0 });
    }

    for (let round = 0; round < ROUNDS; round += 1) {
      for (const server of [switchboard, reference, bare]) {
        const before = cpuMs(server.pid);
        const slice = await runForDuration({ name: server.name, url: server.url }, SECONDS_PER_ROUND, load);
        const total = totals.get(server) as { exchanges: number; seconds: number; cpuMs: number };
        total.exchanges += slice.completed;
        total.seconds += slice.seconds;
        total.cpuMs += cpuMs(server.pid) - before;
      }
    }

    for (const [server, total] of totals) {
      const perSecond = Math.round(total.exchanges / total.seconds);
      process.stdout.write(`${server.name}: ${perSecond} exchanges/s answered, ${(total.cpuMs / total.exchanges).toFixed(3)} ms of CPU per exchange\n`);
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
