import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const CLI_PATH = join(__dirname, '..', '..', 'bin', 'switchboard.js');

/** Environment for CLI runs: no colours, so output can be matched as text. */
export const CLI_ENV = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = CLI_ENV): CliResult {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { env, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface ListenProcess {
  child: ChildProcess;
  receiveUrl: string;
  inspectorUrl: string | null;
  output(): string;
  errors(): string;
  /** Resolves once a line matching `pattern` has been printed. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `switchboard listen` as a real process and waits for its banner. */
export async function startListen(args: string[], env: NodeJS.ProcessEnv = CLI_ENV): Promise<ListenProcess> {
  const child = spawn(process.execPath, [CLI_PATH, 'listen', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const waitForOutput = async (pattern: RegExp, timeoutMs = 15_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;

    while (Date.now() < deadline) {
      const match = pattern.exec(stdout);

      if (match) {
        return match[0];
      }

      if (child.exitCode !== null) {
        throw new Error(`switchboard listen exited with ${child.exitCode} before printing ${pattern}.\nstdout: ${stdout}\nstderr: ${stderr}`);
      }

      await new Promise((resolve) => setTimeout(resolve, 25));
    }

    throw new Error(`switchboard listen did not print ${pattern} within ${timeoutMs} ms.\nstdout: ${stdout}\nstderr: ${stderr}`);
  };

  const receiveLine = await waitForOutput(/Receiving on: (\S+)/);
  const receiveUrl = /Receiving on: (\S+)/.exec(receiveLine)?.[1] as string;
  await waitForOutput(/\n\n/);
  const inspectorUrl = /Inspector: (\S+)/.exec(stdout)?.[1] ?? null;

  return {
    child,
    receiveUrl,
    inspectorUrl,
    output: () => stdout,
    errors: () => stderr,
    waitForOutput,
    async stop(signal: NodeJS.Signals = 'SIGINT') {
      if (child.exitCode === null) {
        child.kill(signal);
      }

      return exited;
    },
  };
}
