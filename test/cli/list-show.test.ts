import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENV, CLI_PATH, runCli } from '../support/cli-process';
import { startEngine } from '../support/engine-fixture';
import { send } from '../support/http-client';
import { sampleBytes } from '../support/samples';
import { replyJson, startTarget } from '../support/target-server';
import { tempFolder } from '../support/temp-db';

const folder = tempFolder();
const dbPath = join(folder.folder, 'history.db');
const binaryBody = Buffer.from([0x00, 0xff, 0x10, 0x80]);

beforeAll(async () => {
  const target = await startTarget(replyJson({ results: [{ toolCallId: 'x', result: 'ok' }] }));
  const running = await startEngine({ targetUrl: target.url });

  for (const name of ['assistant-request.json', 'tool-calls.json', 'end-of-call-report.json']) {
    await send(`${running.url}/vapi`, { body: sampleBytes(name) });
  }
  await send(`${running.url}/raw?x=1`, { headers: ['Content-Type', 'application/octet-stream'], body: binaryBody });
  await running.finished(4);
  await running.engine.recorded();

  // Copy the finished history to a file of its own, so the CLI reads a closed database.
  await running.db.backup(dbPath);
  await running.stop();
  await target.close();
});

afterAll(() => folder.remove());

interface Listed {
  id: number;
  receivedAt: string;
  method: string;
  path: string;
  type: string | null;
  callId: string | null;
  status: number | null;
  outcome: string;
  durationMs: number | null;
  toolNames: string[];
}

function listJson(...args: string[]): Listed[] {
  const result = runCli(['list', '--db', dbPath, '--json', ...args]);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Listed[];
}

describe('switchboard list', () => {
  it('prints JSON newest first with the documented fields', () => {
    const listed = listJson();

    expect(listed.map((exchange) => exchange.type)).toEqual([null, 'end-of-call-report', 'tool-calls', 'assistant-request']);
    const toolCalls = listed[2] as Listed;
    expect(toolCalls.method).toBe('POST');
    expect(toolCalls.path).toBe('/vapi');
    expect(toolCalls.callId).toBe('7d2e4f1a-93b6-4c85-a0de-5b1f6c8e2a47');
    expect(toolCalls.status).toBe(200);
    expect(toolCalls.outcome).toBe('forwarded');
    expect(toolCalls.durationMs).toBeGreaterThan(0);
    expect(toolCalls.toolNames).toEqual(['check_availability', 'lookup_customer']);
    expect(new Date(toolCalls.receivedAt).toISOString()).toBe(toolCalls.receivedAt);
  });

  it('filters by type, call and limit', () => {
    expect(listJson('--type', 'tool-calls').map((exchange) => exchange.type)).toEqual(['tool-calls']);
    expect(listJson('--call', '7d2e4f1a-93b6-4c85-a0de-5b1f6c8e2a47')).toHaveLength(3);
    expect(listJson('--limit', '2')).toHaveLength(2);
  });

  it('rejects a limit past one list', () => {
    const result = runCli(['list', '--db', dbPath, '--limit', '20000']);

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('20000 is more than the 10000 exchanges one list prints');
  });

  it('searches bodies for a phrase', () => {
    expect(listJson('--search', 'booked a table for four').map((exchange) => exchange.type)).toEqual(['end-of-call-report']);
    expect(listJson('--search', 'no such phrase anywhere')).toEqual([]);
  });

  it('accepts the short call id it prints', () => {
    expect(listJson('--call', '7d2e4f1a')).toHaveLength(3);

    const tooShort = runCli(['list', '--db', dbPath, '--call', '7d2']);
    expect(tooShort.status).toBe(1);
    expect(tooShort.stderr).toContain('No recorded call has an id equal to "7d2"');

    const unknown = runCli(['list', '--db', dbPath, '--call', 'ffff0000']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('starting with "ffff0000"');
  });

  it('prints readable lines without --json', () => {
    const result = runCli(['list', '--db', dbPath]);

    expect(result.stdout).toContain('end-of-call-report');
    expect(result.stdout).toContain('7d2e4f1a');
  });

  it('explains a missing database', () => {
    const result = runCli(['list', '--db', join(folder.folder, 'absent.db')]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('does not exist');
    expect(result.stderr).toContain('switchboard listen');
  });
});

describe('switchboard show', () => {
  it('prints bodies as text and base64', () => {
    const id = listJson('--type', 'tool-calls')[0]?.id as number;

    const shown = JSON.parse(runCli(['show', String(id), '--db', dbPath, '--json']).stdout) as Record<string, unknown>;

    expect(shown.requestBody).toBe(sampleBytes('tool-calls.json').toString('utf8'));
    expect(Buffer.from(shown.requestBodyBase64 as string, 'base64').equals(sampleBytes('tool-calls.json'))).toBe(true);
    expect(JSON.parse(shown.responseBody as string)).toEqual({ results: [{ toolCallId: 'x', result: 'ok' }] });
    expect(shown.requestHeaders).toContainEqual(['Content-Type', 'application/json']);
    expect(Array.isArray(shown.responseHeaders)).toBe(true);
  });

  it('gives base64 only for bytes that are not UTF-8', () => {
    const id = listJson('--limit', '1')[0]?.id as number;

    const shown = JSON.parse(runCli(['show', String(id), '--db', dbPath, '--json']).stdout) as Record<string, unknown>;

    expect(shown.requestBody).toBeNull();
    expect(Buffer.from(shown.requestBodyBase64 as string, 'base64').equals(binaryBody)).toBe(true);
    expect(shown.query).toBe('x=1');
  });

  it('prints a readable exchange without --json', () => {
    const id = listJson('--type', 'end-of-call-report')[0]?.id as number;

    const result = runCli(['show', String(id), '--db', dbPath]);

    expect(result.stdout).toContain('Request: POST /vapi');
    expect(result.stdout).toContain('"type": "end-of-call-report"');
  });

  it('explains an unknown id', () => {
    const result = runCli(['show', '99999', '--db', dbPath]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('No exchange has id 99999');
    expect(runCli(['show', 'abc', '--db', dbPath]).stderr).toContain('"abc" is not an exchange id');
  });
});

describe('switchboard show into a closed pipe', () => {
  it('stops quietly when the reader exits early', async () => {
    const large = tempFolder();
    const target = await startTarget(replyJson({}));
    const running = await startEngine({ targetUrl: target.url });
    await send(`${running.url}/`, { body: JSON.stringify({ message: { type: 'transcript', transcript: 'x'.repeat(2_000_000) } }) });
    await running.finished(1);
    await running.db.backup(join(large.folder, 'large.db'));
    await running.stop();
    await target.close();

    const child = spawn(process.execPath, [CLI_PATH, 'show', '1', '--db', join(large.folder, 'large.db')], { env: CLI_ENV });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const exitCode = await new Promise((resolve) => child.once('exit', resolve));
    large.remove();

    expect(exitCode).toBe(0);
    expect(errors).toBe('');
  });
});

describe('switchboard show with credentials', () => {
  it('masks them unless asked to reveal', async () => {
    const secretFolder = tempFolder();
    const secretDb = join(secretFolder.folder, 'secrets.db');
    const target = await startTarget(replyJson({}));
    const running = await startEngine({ targetUrl: target.url });
    await send(`${running.url}/`, {
      headers: ['Content-Type', 'application/json', 'X-Vapi-Secret', 'TopSecret123'],
      body: sampleBytes('assistant-request.json'),
    });
    await running.finished(1);
    await running.db.backup(secretDb);
    await running.stop();
    await target.close();

    const masked = runCli(['show', '1', '--db', secretDb]);
    const revealed = runCli(['show', '1', '--db', secretDb, '--reveal-secrets']);
    secretFolder.remove();

    expect(masked.stdout).not.toContain('TopSecret123');
    expect(masked.stdout).toContain('X-Vapi-Secret: [redacted, 12 characters]');
    expect(masked.stdout).not.toContain('synthetic-do-not-log-0000');
    expect(masked.stdout).toContain('"twilioAuthToken": "[redacted]"');
    expect(revealed.stdout).toContain('TopSecret123');
    expect(revealed.stdout).toContain('synthetic-do-not-log-0000');
  });
});
