import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENV, CLI_PATH, runCli, startListen, type CliResult, type ListenProcess } from '../support/cli-process';
import { send } from '../support/http-client';
import { replyJson, startTarget, type TargetServer } from '../support/target-server';
import { tempFolder } from '../support/temp-db';

const HMAC_SECRET = 'cli-hmac-secret-4d2b';
const SHARED_SECRET = 'cli-shared-secret-81aa';
const BODY = Buffer.from('{"message":{"type":"status-update","status":"ended","note":"Grüße \\u00e9"}}\n', 'utf8');

const folder = tempFolder();
const bodyFile = join(folder.folder, 'body.json');
let target: TargetServer;
let listen: ListenProcess | null = null;

beforeAll(async () => {
  writeFileSync(bodyFile, BODY);
  target = await startTarget(replyJson({}));
});

afterEach(async () => {
  await listen?.stop();
  listen = null;
});

afterAll(async () => {
  await target.close();
  folder.remove();
});

function hmacHex(timestamp: string, secret = HMAC_SECRET): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(BODY).digest('hex');
}

/** Runs the CLI without blocking this process, so the loopback target in this process can reply. */
function runCliAsync(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { env: CLI_ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function listAuth(dbPath: string): { id: number; auth: string; authReason: string | null }[] {
  const result = runCli(['list', '--db', dbPath, '--json']);
  return JSON.parse(result.stdout) as { id: number; auth: string; authReason: string | null }[];
}

describe('listen auth options', () => {
  it('checks HMAC from the environment', async () => {
    const dbPath = join(folder.folder, 'hmac.db');
    listen = await startListen(['--port', '0', '--no-inspector', '--db', dbPath, '--forward-to', target.url], { ...CLI_ENV, SWITCHBOARD_HMAC_SECRET: HMAC_SECRET });
    const timestamp = String(Date.now());

    await send(`${listen.receiveUrl}/vapi`, { body: BODY, headers: ['Content-Type', 'application/json', 'x-signature', hmacHex(timestamp), 'x-timestamp', timestamp] });
    await send(`${listen.receiveUrl}/vapi`, { body: BODY, headers: ['Content-Type', 'application/json', 'x-signature', hmacHex(timestamp, 'other'), 'x-timestamp', timestamp] });
    await send(`${listen.receiveUrl}/vapi`, { body: BODY });
    await listen.waitForOutput(/(status-update.*\n.*){3}/);
    await listen.stop();

    expect(listen.output()).toContain('Auth check:   HMAC sha256; failures are flagged and still forwarded');
    expect(listAuth(dbPath).map(({ auth, authReason }) => `${auth}/${authReason}`)).toEqual(['missing/null', 'invalid/mismatch', 'valid/null']);
    expect(listen.output()).not.toContain(HMAC_SECRET);
    expect(listen.errors()).not.toContain(HMAC_SECRET);
  });

  it('rejects with 401 from flags', async () => {
    const dbPath = join(folder.folder, 'secret.db');
    listen = await startListen(['--port', '0', '--no-inspector', '--db', dbPath, '--forward-to', target.url, '--secret', SHARED_SECRET, '--reject-invalid']);
    const before = target.received.length;

    const rejected = await send(`${listen.receiveUrl}/vapi`, { body: BODY, headers: ['Content-Type', 'application/json', 'X-Vapi-Secret', 'guess'] });
    const accepted = await send(`${listen.receiveUrl}/vapi`, { body: BODY, headers: ['Content-Type', 'application/json', 'X-Vapi-Signature', SHARED_SECRET] });
    await listen.waitForOutput(/(status-update.*\n.*){2}/);
    await listen.stop();

    expect(rejected.status).toBe(401);
    expect(JSON.parse(rejected.body.toString()).error.code).toBe('auth_failed');
    expect(rejected.body.toString()).not.toContain(SHARED_SECRET);
    expect(accepted.status).toBe(200);
    expect(target.received.length - before).toBe(1);
    expect(listen.output()).toContain('failures get 401 and are not forwarded');
    expect(listen.output()).not.toContain(SHARED_SECRET);
    expect(listen.errors()).not.toContain(SHARED_SECRET);
    expect(listAuth(dbPath).map(({ auth }) => auth)).toEqual(['valid', 'invalid']);

    const validId = String(listAuth(dbPath)[0]?.id);
    const shown = runCli(['show', validId, '--db', dbPath]);
    expect(shown.stdout).toContain('Authentication: valid');
    expect(shown.stdout).not.toContain(SHARED_SECRET);
    expect(runCli(['show', validId, '--db', dbPath, '--reveal-secrets']).stdout).toContain(SHARED_SECRET);
  });

  it('reads boolean environment variables', async () => {
    const env = { ...CLI_ENV, SWITCHBOARD_BEARER_TOKEN: 'tok', SWITCHBOARD_REJECT_INVALID: 'false' };
    listen = await startListen(['--port', '0', '--no-inspector', '--db', join(folder.folder, 'bool.db')], env);
    expect(listen.output()).toContain('bearer token; failures are flagged and still forwarded');
  });

  it('reports bad options without secrets', () => {
    const twoSchemes = runCli(['listen', '--port', '0', '--db', join(folder.folder, 'bad.db'), '--secret', SHARED_SECRET, '--bearer-token', 'tok-77']);
    const badFormat = runCli(['listen', '--port', '0', '--db', join(folder.folder, 'bad.db'), '--hmac-secret', HMAC_SECRET, '--hmac-payload-format', '{time}.{body}']);
    const badBoolean = runCli(['listen', '--port', '0', '--db', join(folder.folder, 'bad.db')], { ...CLI_ENV, SWITCHBOARD_REJECT_INVALID: 'maybe' });

    expect(twoSchemes.status).toBe(1);
    expect(twoSchemes.stderr).toContain('Pass only one of --secret, --bearer-token');
    expect(twoSchemes.stderr + twoSchemes.stdout).not.toContain(SHARED_SECRET);
    expect(twoSchemes.stderr + twoSchemes.stdout).not.toContain('tok-77');
    expect(badFormat.status).toBe(1);
    expect(badFormat.stderr).toContain('Invalid --hmac-payload-format: has the unknown placeholder {time}');
    expect(badFormat.stderr).not.toContain(HMAC_SECRET);
    expect(badBoolean.stderr).toContain('SWITCHBOARD_REJECT_INVALID="maybe" is not a boolean');
  });

  it('shows Vapi defaults in help', () => {
    const help = runCli(['listen', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('(default: "x-signature", env: SWITCHBOARD_HMAC_SIGNATURE_HEADER)');
    expect(help).toContain('(default: "x-timestamp", env: SWITCHBOARD_HMAC_TIMESTAMP_HEADER)');
    expect(help).toContain('default: "sha256"');
    expect(help).toContain('default: "hex"');
    expect(help).toContain('(default: "Authorization", env: SWITCHBOARD_BEARER_HEADER)');
    expect(help).toContain('"{timestamp}.{body}"');
    expect(help).toContain('(env: SWITCHBOARD_HMAC_SECRET)');
  });
});

describe('show and replay', () => {
  const dbPath = join(folder.folder, 'show.db');

  beforeAll(async () => {
    const running = await startListen(['--port', '0', '--no-inspector', '--db', dbPath, '--forward-to', target.url, '--hmac-secret', HMAC_SECRET]);
    const timestamp = String(Date.now());
    await send(`${running.receiveUrl}/vapi`, { body: BODY, headers: ['Content-Type', 'application/json', 'x-signature', hmacHex(timestamp, 'other'), 'x-timestamp', timestamp] });
    await running.waitForOutput(/auth invalid \(mismatch\)/);
    await running.stop();
  });

  it('shows the recorded explanation', () => {
    const text = runCli(['show', '1', '--db', dbPath]).stdout;
    const json = JSON.parse(runCli(['show', '1', '--db', dbPath, '--json']).stdout) as { authCheck: { reason: string; hmac: { signed: { bytesBase64: string } } } };

    expect(text).toContain('Authentication: invalid (mismatch)');
    expect(text).toContain('Signed bytes (base64): ');
    expect(text).not.toContain(HMAC_SECRET);
    expect(json.authCheck.reason).toBe('mismatch');
    expect(Buffer.from(json.authCheck.hmac.signed.bytesBase64, 'base64').subarray(-BODY.length).equals(BODY)).toBe(true);
  });

  it('re-signs an edited replay', async () => {
    const before = target.received.length;
    const result = await runCliAsync(['replay', '1', '--db', dbPath, '--to', target.url, '--set', '/message/status="edited"', '--hmac-secret', HMAC_SECRET, '--json']);
    const sent = target.received[before];
    const header = (name: string): string => sent?.rawHeaders[sent.rawHeaders.findIndex((candidate) => candidate.toLowerCase() === name) + 1] ?? '';
    const expected = createHmac('sha256', HMAC_SECRET).update(`${header('x-timestamp')}.`).update(sent?.body ?? Buffer.alloc(0)).digest('hex');

    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).signature).toBe('hmac-sha256');
    expect(sent?.body.toString()).toContain('"edited"');
    expect(header('x-signature')).toBe(expected);
    expect(result.stdout + result.stderr).not.toContain(HMAC_SECRET);
  });
});

describe('sign command', () => {
  it('prints headers an independent HMAC matches', () => {
    const result = runCli(['sign', '--body-file', bodyFile, '--hmac-secret', HMAC_SECRET]);
    const headers = Object.fromEntries(result.stdout.trim().split('\n').map((line) => line.split(': ') as [string, string]));
    const timestamp = headers['x-timestamp'] as string;

    expect(result.status).toBe(0);
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(60_000);
    expect(headers['x-signature']).toBe(hmacHex(timestamp));
    expect(result.stdout).not.toContain(HMAC_SECRET);
  });

  it('prints the signed bytes as JSON', () => {
    const args = ['sign', '--body-file', bodyFile, '--hmac-secret', HMAC_SECRET, '--hmac-algorithm', 'sha512', '--hmac-encoding', 'base64', '--hmac-prefix', 'v1=', '--timestamp-unit', 's', '--json'];
    const signed = JSON.parse(runCli(args).stdout) as { headers: [string, string][]; signature: string; signed: { bytesBase64: string } };
    const timestamp = signed.headers[1]?.[1] as string;
    const expected = createHmac('sha512', HMAC_SECRET).update(`${timestamp}.`).update(BODY).digest('base64');

    expect(signed.signature).toBe('hmac-sha512');
    expect(timestamp).toMatch(/^\d{10}$/);
    expect(signed.headers[0]).toEqual(['x-signature', `v1=${expected}`]);
    expect(Buffer.from(signed.signed.bytesBase64, 'base64').equals(Buffer.concat([Buffer.from(`${timestamp}.`), readFileSync(bodyFile)]))).toBe(true);
  });

  it('prints the bearer header', () => {
    const result = runCli(['sign', '--body-file', bodyFile, '--bearer-token', 'tok-1', '--bearer-header', 'X-Api-Key', '--no-bearer-prefix']);
    expect(result.stdout).toBe('X-Api-Key: tok-1\n');
  });

  it('explains a missing scheme or file', () => {
    expect(runCli(['sign', '--body-file', bodyFile]).stderr).toContain('Nothing to sign with');
    expect(runCli(['sign', '--body-file', join(folder.folder, 'none.json'), '--secret', 's']).stderr).toContain('it does not exist');
    expect(runCli(['sign', '--body-file', bodyFile, '--hmac-secret', 'k', '--hmac-payload-format', '{url}{body}']).stderr).toContain('Pass --url');
  });
});
