import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_DIR = join(__dirname, '..');
const CLI_PATH = join(REPO_DIR, 'bin', 'switchboard.js');
const SERVERS_DIR = join(__dirname, 'servers');

/** A server the benchmark started in its own process. */
export interface ServerProcess {
  name: string;
  pid: number;
  url: string;
  /** Resident set size now, from /proc, in bytes. */
  rssBytes(): number;
  /** Peak resident set size so far, from /proc, in bytes. */
  peakRssBytes(): number;
  /** Stops the process gracefully and resolves with its exit code; kills it after `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
}

const running = new Set<ChildProcess>();

// A benchmark that fails or is stopped must not leave servers behind: the helpers end when their
// stdin closes, and `switchboard listen`, whose output goes to a file, is killed here.
process.on('exit', () => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
});

function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

function stopper(child: ChildProcess, signal: NodeJS.Signals | 'stdin'): (graceMs?: number) => Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return async (graceMs = 10_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      if (signal === 'stdin') {
        child.stdin?.end();
      } else {
        child.kill(signal);
      }

      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    }

    return child.exitCode;
  };
}

async function waitFor<T>(what: string, read: () => T | null, child: ChildProcess, output: () => string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    const value = read();

    if (value !== null) {
      return value;
    }

    if (child.exitCode !== null) {
      throw new Error(`${what}: the process exited with ${child.exitCode}.\n${output()}`);
    }

    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  child.kill('SIGKILL');
  throw new Error(`${what}: not ready within ${timeoutMs} ms.\n${output()}`);
}

/** Starts one of the helper servers in bench/servers with tsx and waits for its `READY <port>` line. */
export async function startHelperServer(name: string, script: string, args: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(SERVERS_DIR, script), ...args], {
    cwd: REPO_DIR,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  track(child);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const stop = stopper(child, 'stdin');
  const port = await waitFor(name, () => /READY (\d+)/.exec(output)?.[1] ?? null, child, () => output);

  return {
    name,
    pid: child.pid as number,
    url: `http://127.0.0.1:${port}`,
    rssBytes: () => procStatusBytes(child.pid as number, 'VmRSS'),
    peakRssBytes: () => procStatusBytes(child.pid as number, 'VmHWM'),
    stop,
  };
}

export interface SwitchboardProcess extends ServerProcess {
  inspectorUrl: string | null;
}

/**
 * Starts the built CLI, `switchboard listen`, recording into `dbPath`. Its per-exchange lines go
 * to `logPath` rather than a pipe, so reading them costs the benchmark nothing.
 */
export async function startSwitchboard(options: {
  targetUrl: string;
  dbPath: string;
  logPath: string;
  inspector?: boolean;
  /** Options for Node itself, such as --cpu-prof. */
  nodeArgs?: string[];
}): Promise<SwitchboardProcess> {
  const args = [...(options.nodeArgs ?? []), CLI_PATH, 'listen', '--port', '0', '--forward-to', options.targetUrl, '--db', options.dbPath];
  args.push(...(options.inspector === true ? ['--inspector-port', '0'] : ['--no-inspector']));
  const log = openSync(options.logPath, 'w');
  const child = spawn(process.execPath, args, {
    cwd: REPO_DIR,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', log, log],
  });
  track(child);
  closeSync(log);
  const output = (): string => readFileSync(options.logPath, 'utf8');
  const stop = stopper(child, 'SIGINT');
  const banner = await waitFor('switchboard listen', () => (/\n\n/.test(output()) ? output() : null), child, output);
  const receiveUrl = /Receiving on: (\S+)/.exec(banner)?.[1];

  if (receiveUrl === undefined) {
    await stop();
    throw new Error(`switchboard listen printed no receive URL:\n${banner}`);
  }

  return {
    name: 'switchboard',
    pid: child.pid as number,
    url: receiveUrl,
    inspectorUrl: /Inspector: (\S+)/.exec(banner)?.[1] ?? null,
    rssBytes: () => procStatusBytes(child.pid as number, 'VmRSS'),
    peakRssBytes: () => procStatusBytes(child.pid as number, 'VmHWM'),
    stop,
  };
}
