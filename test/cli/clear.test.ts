import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExchangeStore } from '../../src-main/recorder/exchange-store';
import { openDatabase } from '../../src-main/recorder/open-database';
import { recordExchanges } from '../recorder/retention/record-exchanges';
import { CLI_ENV, CLI_PATH, runCli, startListen } from '../support/cli-process';
import { tempFolder } from '../support/temp-db';

describe('switchboard clear', () => {
  let folder: ReturnType<typeof tempFolder>;

  beforeEach(() => {
    folder = tempFolder();
  });

  afterEach(() => folder.remove());

  async function historyWith(count: number, pending = 0): Promise<string> {
    const db = openDatabase(folder.dbPath);
    const store = new ExchangeStore(db);
    recordExchanges(db, [
      ...Array.from({ length: count }, (_unused, index) => ({ callId: `call-${index % 3}`, receivedAt: Date.now(), bodyBytes: 20_000 })),
      ...Array.from({ length: pending }, () => ({ callId: 'left-behind', receivedAt: Date.now(), pending: true })),
    ]);
    db.close();
    return folder.dbPath;
  }

  /**
   * Runs the CLI in a pseudo-terminal made by util-linux `script`, sends `keys` once the
   * confirmation prompt shows, and returns what the terminal displayed.
   */
  function answerInTerminal(args: string[], keys: string): Promise<{ status: number | null; output: string }> {
    const command = [process.execPath, CLI_PATH, ...args].map((part) => `'${part}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: CLI_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let answered = false;

    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');

      if (!answered && output.includes('[y/N]')) {
        answered = true;
        child.stdin.write(keys);
      }
    });

    return new Promise((resolve) => child.once('close', (status) => resolve({ status, output })));
  }

  function countRows(dbPath: string): { exchanges: number; calls: number } {
    const db = openDatabase(dbPath, { readonly: true });
    const exchanges = (db.prepare('SELECT count(*) AS n FROM exchanges').get() as { n: number }).n;
    const calls = (db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;
    db.close();
    return { exchanges, calls };
  }

  it('--yes deletes everything', async () => {
    const dbPath = await historyWith(30, 1);

    const result = runCli(['clear', '--db', dbPath, '--yes']);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Deleted 31 exchanges and 4 calls from ${dbPath}.`);
    expect(result.stdout).toContain('The database file was compacted.');
    expect(countRows(dbPath)).toEqual({ exchanges: 0, calls: 0 });
  });

  it.each([
    ['Ctrl+D', '\x04'],
    ['Ctrl+C', '\x03'],
  ])('%s at the prompt deletes nothing', async (_key, byte) => {
    const dbPath = await historyWith(3);

    const result = await answerInTerminal(['clear', '--db', dbPath], byte);

    expect(result.output).toContain('Nothing was deleted.');
    expect(result.output).not.toContain('unexpected error');
    expect(result.status).toBe(0);
    expect(countRows(dbPath)).toEqual({ exchanges: 3, calls: 3 });
  });

  it('without --yes needs a terminal', async () => {
    const dbPath = await historyWith(3);

    const result = runCli(['clear', '--db', dbPath]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('pass --yes');
    expect(result.stderr).toContain('deletes 3 exchanges and 3 calls');
    expect(countRows(dbPath)).toEqual({ exchanges: 3, calls: 3 });
  });

  it('reports an empty history', async () => {
    const dbPath = await historyWith(0);

    const result = runCli(['clear', '--db', dbPath]);

    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`The history in ${dbPath} is already empty.\n`);
  });

  it('rejects a missing database', () => {
    const missing = join(folder.folder, 'missing.db');

    const result = runCli(['clear', '--db', missing, '--yes']);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`There is no database at ${missing}`);
    expect(existsSync(missing)).toBe(false);
  });

  it('works while listen records', async () => {
    const dbPath = await historyWith(5);
    const listen = await startListen(['--port', '0', '--no-inspector', '--db', dbPath]);

    try {
      const result = runCli(['clear', '--db', dbPath, '--yes']);

      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Deleted 5 exchanges and 3 calls');
    } finally {
      await listen.stop();
    }

    expect(countRows(dbPath)).toEqual({ exchanges: 0, calls: 0 });
  });
});

describe('listen retention flags', () => {
  const folder = tempFolder();

  afterAll(() => folder.remove());

  it('prints the limits in the banner', async () => {
    const listen = await startListen(['--port', '0', '--no-inspector', '--db', folder.dbPath, '--keep-calls', '500', '--keep-days', '7', '--keep-mb', '200']);
    await listen.stop();

    expect(listen.output()).toContain('Retention:    keep the last 500 calls, 7 days, 200 MiB');
  });

  it('rejects a bad limit', () => {
    const result = runCli(['listen', '--db', folder.dbPath, '--keep-days', 'forever']);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('"forever" is not a number of days');
  });

  it.each([
    ['--keep-days', '40000', 'Give days from 0.001 to 36500'],
    ['--keep-days', '1e-9', 'Give days from 0.001 to 36500'],
    ['--keep-days', '0x10', 'Give days from 0.001 to 36500'],
    ['--keep-mb', '99999999999999999999', 'Give a whole number from 1 to 16777216'],
    ['--keep-calls', '99999999999999999999', 'Give a whole number from 1 to 1000000000'],
  ])('rejects %s %s with its range', (flag, value, range) => {
    const result = runCli(['listen', '--db', folder.dbPath, flag, value]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`"${value}" is not a number of`);
    expect(result.stderr).toContain(range);
  });
});
