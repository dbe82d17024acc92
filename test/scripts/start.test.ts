import { spawn } from 'node:child_process';
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

describe('npm start without Electron', () => {
  it('says so in one line and runs headless', async () => {
    const { folder, dbPath } = temp();
    const emptyDist = join(folder, 'no-electron');
    mkdirSync(emptyDist);
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.js'), '--port', '0', '--inspector-port', '0', '--db', dbPath], {
      env: { ...CLI_ENV, ELECTRON_OVERRIDE_DIST_PATH: emptyDist, PATH: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));

    const deadline = Date.now() + 15_000;
    while (!output.includes('Inspector:') && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));

    const lines = output.split('\n');
    expect(lines[0]).toMatch(/^Electron is not available \(.*\); starting headless with the inspector in your browser instead\.$/);
    expect(output).toContain('Receiving on: http://127.0.0.1:');
    expect(output).toMatch(/Inspector: http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(errors).not.toContain('    at ');
  });
});

describe.runIf(process.platform !== 'win32')('npm start and Ctrl+C', () => {
  it('stops gracefully on one group signal', async () => {
    const { folder, dbPath } = temp();
    const emptyDist = join(folder, 'no-electron');
    mkdirSync(emptyDist);
    // A process group of its own stands in for the terminal's foreground group, which Ctrl+C signals as a whole.
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.js'), '--port', '0', '--inspector-port', '0', '--db', dbPath], {
      env: { ...CLI_ENV, ELECTRON_OVERRIDE_DIST_PATH: emptyDist, PATH: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    const deadline = Date.now() + 15_000;
    while (!output.includes('Inspector:') && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    process.kill(-(child.pid as number), 'SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));

    expect(output).toContain('Inspector:');
    expect(errors).toContain('Stopping: waiting up to 5 s');
    expect(errors).not.toContain('again; stopping without waiting');
    expect(code).toBe(0);
  });
});
