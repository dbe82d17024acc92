import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthSettingsInput } from '../../../src-main/contract/auth';
import { startEngine, type RunningEngine } from '../../support/engine-fixture';
import { send } from '../../support/http-client';
import { sampleBytes } from '../../support/samples';
import { startTarget, type TargetServer } from '../../support/target-server';
import { TRICKY_BODY } from './auth-fixtures';

const HMAC_SECRET = 'engine-hmac-secret-7f3a';
const HMAC_SETTINGS: AuthSettingsInput = { default: { scheme: 'hmac', secretKey: HMAC_SECRET } };

function hmacHeaders(body: Buffer, timestamp = String(Date.now()), secret = HMAC_SECRET): string[] {
  const signature = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return ['Content-Type', 'application/json', 'x-signature', signature, 'x-timestamp', timestamp];
}

/** Checks Vapi's default HMAC with node:crypto, as a developer's server would, and replies 200 or 401. */
function verifyingTarget(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
  const timestamp = String(request.headers['x-timestamp'] ?? '');
  const received = Buffer.from(String(request.headers['x-signature'] ?? ''), 'hex');
  const expected = createHmac('sha256', HMAC_SECRET).update(`${timestamp}.`).update(body).digest();
  const valid = received.length === expected.length && timingSafeEqual(received, expected);
  const reply = Buffer.from(JSON.stringify({ valid }));
  response.writeHead(valid ? 200 : 401, { 'Content-Type': 'application/json', 'Content-Length': reply.length });
  response.end(reply);
}

describe('engine authentication', () => {
  let target: TargetServer;
  let running: RunningEngine;

  beforeEach(async () => {
    target = await startTarget(verifyingTarget);
    running = await startEngine({ targetUrl: `${target.url}/vapi/webhook` });
  });

  afterEach(async () => {
    await running.stop();
    await target.close();
  });

  async function latest() {
    await running.engine.recorded();
    return running.engine.store.list({ limit: 1 })[0];
  }

  it('forwards a signed event valid at the target', async () => {
    running.engine.auth.update(HMAC_SETTINGS);

    for (const body of [TRICKY_BODY, sampleBytes('end-of-call-report.json'), sampleBytes('tool-calls.json')]) {
      const reply = await send(`${running.url}/webhook`, { body, headers: hmacHeaders(body) });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body.toString())).toEqual({ valid: true });
      expect(target.received.at(-1)?.body.equals(body)).toBe(true);
      expect((await latest())?.auth).toBe('valid');
      expect((await latest())?.authReason).toBeNull();
    }
  });

  it('records the explanation', async () => {
    running.engine.auth.update(HMAC_SETTINGS);
    await send(`${running.url}/webhook`, { body: TRICKY_BODY, headers: hmacHeaders(TRICKY_BODY, '1700000000') });
    const exchange = await latest();
    const check = running.engine.auth.explanation(exchange?.id as number);

    expect(exchange?.auth).toBe('invalid');
    expect(exchange?.authReason).toBe('timestamp_too_old');
    expect(check?.hmac?.timestampUnit).toBe('s');
    expect(Buffer.from(check?.hmac?.signed.bytesBase64 ?? '', 'base64').equals(Buffer.concat([Buffer.from('1700000000.'), TRICKY_BODY]))).toBe(true);
  });

  it('flags and forwards an invalid event', async () => {
    running.engine.auth.update(HMAC_SETTINGS);
    const reply = await send(`${running.url}/webhook`, { body: TRICKY_BODY, headers: hmacHeaders(TRICKY_BODY, undefined, 'wrong-secret') });

    expect(reply.status).toBe(401);
    expect(target.received).toHaveLength(1);
    expect((await latest())?.auth).toBe('invalid');
    expect((await latest())?.authReason).toBe('mismatch');
    expect((await latest())?.outcome).toBe('forwarded');
  });

  it('rejects invalid events with 401', async () => {
    running.engine.auth.update({ ...HMAC_SETTINGS, rejectInvalid: true });
    const reply = await send(`${running.url}/webhook`, { body: TRICKY_BODY, headers: hmacHeaders(TRICKY_BODY, undefined, 'wrong-secret') });
    const body = JSON.parse(reply.body.toString()) as { error: { code: string; auth: string; authReason: string; message: string } };

    expect(reply.status).toBe(401);
    expect(reply.headers['content-type']).toContain('application/json');
    expect(body.error.code).toBe('auth_failed');
    expect(body.error.auth).toBe('invalid');
    expect(body.error.authReason).toBe('mismatch');
    expect(body.error.message).not.toContain(HMAC_SECRET);
    expect(target.received).toHaveLength(0);
    expect((await latest())?.outcome).toBe('rejected');
    expect((await latest())?.status).toBe(401);
  });

  it('rejects missing and empty credentials', async () => {
    running.engine.auth.update({ rejectInvalid: true, default: { scheme: 'bearer', token: 'tok-123' } });
    const missing = await send(`${running.url}/webhook`, { body: TRICKY_BODY });
    const empty = await send(`${running.url}/webhook`, { body: TRICKY_BODY, headers: ['Content-Type', 'application/json', 'Authorization', 'Bearer '] });
    const valid = await send(`${running.url}/webhook`, { body: TRICKY_BODY, headers: ['Content-Type', 'application/json', 'Authorization', 'Bearer tok-123'] });

    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body.toString()).error.auth).toBe('missing');
    expect(empty.status).toBe(401);
    expect(JSON.parse(empty.body.toString()).error.auth).toBe('empty');
    expect(valid.headers['x-switchboard-error']).toBeUndefined();
    expect(target.received).toHaveLength(1);
  });

  it('records not_configured without a scheme', async () => {
    await send(`${running.url}/webhook`, { body: TRICKY_BODY });
    expect((await latest())?.auth).toBe('not_configured');
    expect(running.engine.auth.explanation((await latest())?.id as number)).toBeUndefined();
  });

  it('checks each receive path by its rule', async () => {
    running.engine.auth.update({ default: { scheme: 'secret', secret: 'org-secret' }, paths: [{ path: '/tools', config: { scheme: 'bearer', token: 'tool-token' } }] });
    await send(`${running.url}/tools/lookup`, { body: TRICKY_BODY, headers: ['Content-Type', 'application/json', 'Authorization', 'Bearer tool-token'] });
    const tools = await latest();
    await send(`${running.url}/webhook`, { body: TRICKY_BODY, headers: ['Content-Type', 'application/json', 'Authorization', 'Bearer tool-token'] });
    const other = await latest();

    expect(tools?.auth).toBe('valid');
    expect(running.engine.auth.explanation(tools?.id as number)?.pathRule).toBe('/tools');
    expect(other?.auth).toBe('missing');
  });

  it('re-signs an edited replay the target accepts', async () => {
    running.engine.auth.update(HMAC_SETTINGS);
    const body = sampleBytes('tool-calls.json');
    await send(`${running.url}/webhook`, { body, headers: hmacHeaders(body, String(Date.now() - 3_600_000)) });
    const original = await latest();

    const replay = await running.engine.replay(original?.id as number, { set: [{ pointer: '/message/call/id', value: 'edited-call-ü' }] });
    const sent = target.received.at(-1);

    expect(original?.authReason).toBe('timestamp_too_old');
    expect(replay.edited).toBe(true);
    expect(replay.signature).toBe('hmac-sha256');
    expect(replay.status).toBe(200);
    expect(JSON.parse(Buffer.from(replay.responseBody ?? []).toString())).toEqual({ valid: true });
    expect(sent?.body.toString()).toContain('edited-call-ü');
    expect(Math.abs(Number(sent?.rawHeaders[sent.rawHeaders.findIndex((name) => name.toLowerCase() === 'x-timestamp') + 1]) - Date.now())).toBeLessThan(60_000);
  });

  it('signs a replay by the rule of its receive path', async () => {
    running.engine.auth.update({
      default: { scheme: 'hmac', secretKey: 'default-secret-not-used' },
      paths: [{ path: '/tools', config: { scheme: 'hmac', secretKey: HMAC_SECRET } }],
    });
    const body = sampleBytes('tool-calls.json');
    await send(`${running.url}/tools/availability`, { body, headers: hmacHeaders(body) });
    const original = await latest();

    const replay = await running.engine.replay(original?.id as number);

    expect(original?.auth).toBe('valid');
    expect(target.received.at(-1)?.url).toBe('/vapi/webhook');
    expect(replay.signature).toBe('hmac-sha256');
    expect(JSON.parse(Buffer.from(replay.responseBody ?? []).toString())).toEqual({ valid: true });
  });

  it('keeps secrets out of the database file', async () => {
    const secret = 'never-on-disk-9c1e';
    running.engine.auth.update({ default: { scheme: 'secret', secret } });
    await send(`${running.url}/webhook`, { body: TRICKY_BODY, headers: ['Content-Type', 'application/json', 'X-Vapi-Secret', 'wrong-one'] });
    await running.engine.recorded();
    running.db.pragma('wal_checkpoint(TRUNCATE)');

    expect((await latest())?.authReason).toBe('mismatch');
    expect(readFileSync(running.dbPath).includes(secret)).toBe(false);
  });
});
