import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ENV } from '../support/cli-process';
import { tempFolder } from '../support/temp-db';

const ROOT = join(__dirname, '..', '..');
const { findElectronBinary } = require(join(ROOT, 'scripts', 'electron-binary.js')) as {
  findElectronBinary(): { binary: string | null; reason?: string };
};

const folders: ReturnType<typeof tempFolder>[] = [];
const savedOverride = process.env.ELECTRON_OVERRIDE_DIST_PATH;

afterEach(() => {
  for (const folder of folders.splice(0)) folder.remove();

  if (savedOverride === undefined) {
    delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
  } else {
    process.env.ELECTRON_OVERRIDE_DIST_PATH = savedOverride;
  }
});

function temp() {
  const folder = tempFolder();
  folders.push(folder);
  return folder;
}

describe('findElectronBinary', () => {
  it('reports a missing binary with the reason', () => {
    const { folder } = temp();
    process.env.ELECTRON_OVERRIDE_DIST_PATH = folder;

    const found = findElectronBinary();

    expect(found.binary).toBeNull();
    expect(found.reason).toContain(folder);
  });

  it('finds a present binary', () => {
    const { folder } = temp();
    const binary = join(folder, process.platform === 'win32' ? 'electron.exe' : 'electron');
    writeFileSync(binary, '');
    process.env.ELECTRON_OVERRIDE_DIST_PATH = folder;

    expect(findElectronBinary().binary).toBe(binary);
  });
});

/** `npm start` running headless, with what it has printed so far. */
interface HeadlessStart {
  child: ChildProcess;
  output(): string;
  errors(): string;
}

/**
 * Runs scripts/start.js where no Electron binary exists and waits for its inspector line.
 * `ownGroup` puts it in a process group of its own, as the foreground group of a terminal is.
 */
async function startHeadless(ownGroup = false): Promise<HeadlessStart> {
  const { folder, dbPath } = temp();
  const emptyDist = join(folder, 'no-electron');
  mkdirSync(emptyDist);
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.js'), '--port', '0', '--inspector-port', '0', '--db', dbPath], {
    env: { ...CLI_ENV, ELECTRON_OVERRIDE_DIST_PATH: emptyDist, PATH: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: ownGroup,
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  let errors = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));

  const deadline = Date.now() + 15_000;
  while (!output.includes('Inspector:') && Date.now() < deadline && child.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return { child, output: () => output, errors: () => errors };
}

/** Resolves with the exit code once the process has exited and its output has been read. */
function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('close', resolve));
}

describe('npm start without Electron', () => {
  it('says so in one line and runs headless', async () => {
    const started = await startHeadless();
    started.child.kill('SIGTERM');
    await exited(started.child);

    const output = started.output();
    expect(output.split('\n')[0]).toMatch(/^Electron is not available \(.*\); starting headless with the inspector in your browser instead\.$/);
    expect(output).toContain('Receiving on: http://127.0.0.1:');
    expect(output).toMatch(/Inspector: http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(started.errors()).not.toContain('    at ');
  });
});

describe.runIf(process.platform !== 'win32')('npm start and Ctrl+C', () => {
  it('stops gracefully on one group signal', async () => {
    const started = await startHeadless(true);

    // Ctrl+C signals the whole foreground group of the terminal.
    process.kill(-(started.child.pid as number), 'SIGINT');
    const code = await exited(started.child);

    expect(started.output()).toContain('Inspector:');
    expect(started.errors()).toContain('Stopping: waiting up to 5 s');
    expect(started.errors()).not.toContain('again; stopping without waiting');
    expect(code).toBe(0);
  });
});
