import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENV, CLI_PATH, runCli, type CliResult } from '../support/cli-process';
import { startEngine } from '../support/engine-fixture';
import { rawHeader, recordExchange } from '../support/replay-fixture';
import { startTarget, type TargetServer } from '../support/target-server';
import { tempFolder } from '../support/temp-db';

/** Runs the built CLI without blocking this process, so the test's target server can reply to it. */
function runCliAsync(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { env: CLI_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const BODY =
  '{"message":{"type":"end-of-call-report","call":{"id":"call-cli-fidelity"},"cost":12345678901234567891,' +
  '"price":1.10,"kilo":1e3,"zero":0.0,"note":"caf\\u00e9","analysis":{"summary":"old"}}}';

const REPLY = '{"total":98765432109876543210,"ratio":1.50}';

const folder = tempFolder();
const dbPath = join(folder.folder, 'history.db');
let target: TargetServer;
let originalId = 0;

beforeAll(async () => {
  target = await startTarget((_request, _body, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(REPLY);
  });
  const running = await startEngine({ targetUrl: `${target.url}/vapi/webhook` });
  originalId = (await recordExchange(running, BODY)).id;
  await running.db.backup(dbPath);
  await running.stop();
});

afterAll(async () => {
  await target.close();
  folder.remove();
});

describe('switchboard replay --set', () => {
  it('sends unedited bytes as recorded', async () => {
    const result = await runCliAsync(['replay', String(originalId), '--set', '/message/analysis/summary=x', '--db', dbPath]);

    const sent = target.received.at(-1);
    const expected = BODY.replace('"summary":"old"', '"summary":"x"');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(sent?.body.toString('utf8')).toBe(expected);
    expect(rawHeader(sent?.rawHeaders ?? [], 'content-length')).toBe(String(Buffer.byteLength(expected)));
  });

  it('sends typed literals exactly', async () => {
    const result = await runCliAsync([
      'replay',
      String(originalId),
      '--set',
      '/message/analysis/score=2.50',
      '--set',
      '/message/cost=98765432109876543210',
      '--db',
      dbPath,
    ]);

    const expected = BODY.replace('"summary":"old"}', '"summary":"old","score":2.50}').replace('12345678901234567891', '98765432109876543210');
    expect(result.status).toBe(0);
    expect(target.received.at(-1)?.body.toString('utf8')).toBe(expected);
  });
});

describe('switchboard show', () => {
  it('pretty-prints literals as recorded', () => {
    const result = runCli(['show', String(originalId), '--db', dbPath]);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('  "cost": 12345678901234567891,\n');
    expect(result.stdout).toContain('  "price": 1.10,\n');
    expect(result.stdout).toContain('  "kilo": 1e3,\n');
    expect(result.stdout).toContain('  "zero": 0.0,\n');
    expect(result.stdout).toContain('  "note": "caf\\u00e9",\n');
    expect(result.stdout).toContain('{\n  "total": 98765432109876543210,\n  "ratio": 1.50\n}');
  });
});
