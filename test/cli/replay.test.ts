import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI_ENV, CLI_PATH, runCli, type CliResult } from '../support/cli-process';
import { startEngine } from '../support/engine-fixture';
import { rawHeader, recordExchange, vapiEvent } from '../support/replay-fixture';
import { requestSampleNames, sampleBytes } from '../support/samples';
import { startTarget, type TargetServer } from '../support/target-server';
import { tempFolder } from '../support/temp-db';

/** Runs the built CLI without blocking this process, so the test's target server can answer it. */
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

const folder = tempFolder();
const dbPath = join(folder.folder, 'history.db');
const CALL_ID = 'call-cli-replay';
const ids = new Map<string, number>();
let target: TargetServer;
let failing = false;

interface Listed {
  id: number;
  replayOf: number | null;
  source: string;
  edited: boolean;
  signature: string | null;
}

beforeAll(async () => {
  target = await startTarget((_request, body, response) => {
    const status = failing && body.includes('"hang"') ? 500 : 200;
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ bytes: body.length }));
  });
  const running = await startEngine({ targetUrl: `${target.url}/vapi/webhook` });

  for (const name of requestSampleNames()) {
    ids.set(name, (await recordExchange(running, sampleBytes(name))).id);
  }

  for (const type of ['status-update', 'transcript', 'hang', 'end-of-call-report']) {
    ids.set(`call:${type}`, (await recordExchange(running, vapiEvent(type, CALL_ID))).id);
  }

  const signed = await recordExchange(running, vapiEvent('tool-calls', 'call-signed'), {
    headers: ['Content-Type', 'application/json', 'x-signature', 'abc', 'x-timestamp', '1768498297300'],
  });
  ids.set('signed', signed.id);

  await running.db.backup(dbPath);
  await running.stop();
});

beforeEach(() => {
  target.received.splice(0);
  failing = false;
});

afterAll(async () => {
  await target.close();
  folder.remove();
});

function listed(): Listed[] {
  return JSON.parse(runCli(['list', '--db', dbPath, '--json', '--limit', '1000']).stdout) as Listed[];
}

describe('switchboard replay', () => {
  it('replays each sample type byte for byte', async () => {
    for (const name of requestSampleNames()) {
      const result = await runCliAsync(['replay', String(ids.get(name)), '--db', dbPath]);

      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`Replay \\d+ of exchange ${ids.get(name)} `));
      expect(result.stdout).toMatch(/Status: +200 +forwarded/);
      expect(result.stdout).toMatch(/Duration: +\d+ ms/);
      expect(result.stdout).toContain(`{"bytes":${sampleBytes(name).length}}`);
      expect(Buffer.compare(target.received.at(-1)?.body as Buffer, sampleBytes(name))).toBe(0);
    }

    expect(target.received).toHaveLength(requestSampleNames().length);
  });

  it('shows replayOf in list --json', async () => {
    const originalId = ids.get('hang.json') as number;
    await runCliAsync(['replay', String(originalId), '--db', dbPath]);

    const [latest] = listed();

    expect(latest).toMatchObject({ replayOf: originalId, source: 'replay', edited: false });
  });

  it('sends --set edits with the right length', async () => {
    const result = await runCliAsync([
      'replay',
      String(ids.get('end-of-call-report.json')),
      '--set',
      '/message/analysis/summary=The caller was happy',
      '--set',
      '/message/cost=0.5',
      '--db',
      dbPath,
    ]);

    const sent = target.received[0];
    const body = JSON.parse(sent?.body.toString() as string) as { message: { analysis: { summary: string }; cost: number } };
    expect(result.status).toBe(0);
    expect(body.message.analysis.summary).toBe('The caller was happy');
    expect(body.message.cost).toBe(0.5);
    expect(rawHeader(sent?.rawHeaders ?? [], 'content-length')).toBe(String(sent?.body.length));
    expect(listed()[0]?.edited).toBe(true);
  });

  it('sends a --body-file exactly', async () => {
    const file = join(folder.folder, 'body.json');
    const text = '{"message":{"type":"hang","call":{"id":"from-file"}}}\n';
    writeFileSync(file, text);

    const result = await runCliAsync(['replay', String(ids.get('hang.json')), '--body-file', file, '--db', dbPath]);

    expect(result.status).toBe(0);
    expect(target.received[0]?.body.toString()).toBe(text);
  });

  it('stops on an invalid JSON body file', async () => {
    const file = join(folder.folder, 'broken.json');
    writeFileSync(file, '{"message":');

    const rejected = await runCliAsync(['replay', String(ids.get('hang.json')), '--body-file', file, '--db', dbPath]);
    const sent = await runCliAsync(['replay', String(ids.get('hang.json')), '--body-file', file, '--allow-invalid-json', '--db', dbPath]);

    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toMatch(/The edited body is not valid JSON .*--allow-invalid-json/);
    expect(sent.status).toBe(0);
    expect(target.received.map((request) => request.body.toString())).toEqual(['{"message":']);
  });

  it('flags a stale signature', async () => {
    const result = await runCliAsync(['replay', String(ids.get('signed')), '--set', '/message/x=1', '--db', dbPath]);

    expect(result.stdout).toMatch(/Signature: stale/);
    expect(listed()[0]?.signature).toBe('stale');
  });

  it('sends edited headers', async () => {
    await runCliAsync(['replay', String(ids.get('hang.json')), '--header', 'X-Env: dev', '--header', 'Content-Type:', '--db', dbPath]);

    const headers = target.received[0]?.rawHeaders ?? [];
    expect(rawHeader(headers, 'x-env')).toBe('dev');
    expect(rawHeader(headers, 'content-type')).toBeUndefined();
  });

  it('replays to a URL given with --to', async () => {
    const other = await startTarget((_request, _body, response) => response.end('plain text reply'));

    try {
      const result = await runCliAsync(['replay', String(ids.get('hang.json')), '--to', `${other.url}/elsewhere`, '--db', dbPath]);

      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`to ${other.url}/elsewhere`);
      expect(result.stdout).toContain('plain text reply');
      expect(other.received[0]?.url).toBe('/elsewhere');
    } finally {
      await other.close();
    }
  });

  it('fails clearly when the target is down', async () => {
    const down = await startTarget(() => undefined);
    const url = down.url;
    await down.close();

    const result = await runCliAsync(['replay', String(ids.get('hang.json')), '--to', url, '--db', dbPath]);

    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/Status: +- +target_unreachable/);
    expect(result.stderr).toMatch(/switchboard: Nothing is listening at 127\.0\.0\.1:\d+\. Is your server running on that port\?/);
    expect(listed()[0]).toMatchObject({ replayOf: ids.get('hang.json') });
  });

  it('exits 1 when the target answers 500', async () => {
    failing = true;

    const result = await runCliAsync(['replay', String(ids.get('hang.json')), '--db', dbPath]);

    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/Status: +500 +target_error/);
  });

  it('prints the replay as JSON', async () => {
    const result = await runCliAsync(['replay', String(ids.get('hang.json')), '--json', '--db', dbPath]);
    const record = JSON.parse(result.stdout) as { replayOf: number; responseBody: string; requestBodyBase64: string };

    expect(record.replayOf).toBe(ids.get('hang.json'));
    expect(record.responseBody).toBe(`{"bytes":${sampleBytes('hang.json').length}}`);
    expect(Buffer.from(record.requestBodyBase64, 'base64')).toEqual(sampleBytes('hang.json'));
  });

  it('rejects an unknown id', async () => {
    const result = await runCliAsync(['replay', '99999', '--db', dbPath]);

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/No exchange has id 99999/);
  });

  it('rejects bad arguments', async () => {
    const both = await runCliAsync(['replay', '1', '--call', CALL_ID, '--db', dbPath]);
    const neither = await runCliAsync(['replay', '--db', dbPath]);
    const badSet = await runCliAsync(['replay', '1', '--set', '/message/type', '--db', dbPath]);
    const badId = await runCliAsync(['replay', 'abc', '--db', dbPath]);

    expect(both.stderr).toMatch(/either an exchange id or --call/);
    expect(neither.stderr).toMatch(/Give the id of the exchange to replay/);
    expect(badSet.stderr).toMatch(/is not POINTER=VALUE/);
    expect(badId.stderr).toMatch(/"abc" is not an exchange id/);
    expect([both.status, neither.status, badSet.status, badId.status]).toEqual([1, 1, 1, 1]);
  });
});

describe('switchboard replay --call', () => {
  it('replays the call in order', async () => {
    const result = await runCliAsync(['replay', '--call', CALL_ID, '--timing', 'fast', '--db', dbPath]);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Replaying 4 events of call ${CALL_ID} (as fast as possible).`);
    expect(result.stdout).toMatch(/\[1\/4\] #\d+ → #\d+ .*status-update/);
    expect(result.stdout).toMatch(/\[4\/4\] #\d+ → #\d+ .*end-of-call-report/);
    expect(result.stdout).toContain(`Replayed call ${CALL_ID}: 4 of 4 events sent, 0 failed.`);
    expect(target.received.map((request) => (JSON.parse(request.body.toString()) as { message: { type: string } }).message.type)).toEqual([
      'status-update',
      'transcript',
      'hang',
      'end-of-call-report',
    ]);
  });

  it('leaves earlier replays out', async () => {
    await runCliAsync(['replay', String(ids.get('call:hang')), '--db', dbPath]);
    target.received.splice(0);

    const result = await runCliAsync(['replay', '--call', CALL_ID, '--db', dbPath]);

    expect(result.stdout).toContain('Replaying 4 events');
    expect(target.received).toHaveLength(4);
  });

  it('stops at the first failure when asked', async () => {
    failing = true;

    const result = await runCliAsync(['replay', '--call', CALL_ID, '--stop-on-failure', '--db', dbPath]);

    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Stopped at the first failure: 3 of 4 events sent, 1 failed.');
    expect(result.stderr).toMatch(/Stopped after exchange \d+ \(hang\) failed/);
    expect(target.received).toHaveLength(3);
  });

  it('rejects an unknown call', async () => {
    const result = await runCliAsync(['replay', '--call', 'no-such-call', '--db', dbPath]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('No recorded call has an id starting with "no-such-call"');
  });

  it('accepts a unique prefix of the call id', async () => {
    const result = await runCliAsync(['replay', '--call', CALL_ID.slice(0, 8), '--db', dbPath]);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`call ${CALL_ID}`);
  });

  it('rejects edits with --call', async () => {
    const result = await runCliAsync(['replay', '--call', CALL_ID, '--set', '/a=1', '--db', dbPath]);

    expect(result.stderr).toMatch(/cannot be used with --call/);
  });
});
