import { createHmac } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExchangeSummary } from '../../../src-main/contract/exchange';
import { SwitchboardError } from '../../../src-main/core/errors';
import { startEngine, type RunningEngine } from '../../support/engine-fixture';
import { send } from '../../support/http-client';
import { rawHeader, recordExchange, vapiEvent } from '../../support/replay-fixture';
import { requestSampleNames, sampleBytes } from '../../support/samples';
import { replyJson, startTarget, type TargetServer } from '../../support/target-server';

describe('replaying one exchange', () => {
  let target: TargetServer;
  let running: RunningEngine;

  beforeEach(async () => {
    target = await startTarget(replyJson({ received: true }));
    running = await startEngine({ targetUrl: `${target.url}/vapi/webhook` });
  });

  afterEach(async () => {
    await running.stop();
    await target.close();
  });

  for (const name of requestSampleNames()) {
    it(`replays ${name} byte for byte`, async () => {
      const bytes = sampleBytes(name);
      const original = await recordExchange(running, bytes);

      const replay = await running.engine.replay(original.id);

      const sent = target.received[1];
      expect(target.received).toHaveLength(2);
      expect(Buffer.compare(sent?.body as Buffer, bytes)).toBe(0);
      expect(sent?.method).toBe('POST');
      expect(sent?.url).toBe('/vapi/webhook');
      expect(rawHeader(sent?.rawHeaders ?? [], 'content-length')).toBe(String(bytes.length));
      expect(replay.replayOf).toBe(original.id);
      expect(replay.source).toBe('replay');
      expect(replay.edited).toBe(false);
      expect(replay.type).toBe(original.type);
      expect(replay.callId).toBe(original.callId);
      expect(replay.outcome).toBe('forwarded');
      expect(replay.status).toBe(200);
      expect(Buffer.compare(Buffer.from(replay.requestBody), bytes)).toBe(0);
      expect(Buffer.from(replay.responseBody as Uint8Array).toString()).toBe('{"received":true}');
    });
  }

  it('sends the recorded headers with Host set to the target', async () => {
    const original = await recordExchange(running, vapiEvent('tool-calls', 'call-h'), {
      headers: ['Content-Type', 'application/json', 'X-Vapi-Secret', 's3cret', 'Connection', 'keep-alive, X-Hop', 'X-Hop', 'drop me'],
    });

    await running.engine.replay(original.id);

    const headers = target.received[1]?.rawHeaders ?? [];
    expect(rawHeader(headers, 'host')).toBe(`127.0.0.1:${target.port}`);
    expect(rawHeader(headers, 'x-vapi-secret')).toBe('s3cret');
    expect(rawHeader(headers, 'content-type')).toBe('application/json');
    expect(rawHeader(headers, 'x-hop')).toBeUndefined();
  });

  it('links the replay in the list and the call', async () => {
    const original = await recordExchange(running, vapiEvent('status-update', 'call-link', { status: 'ended' }));
    const started: ExchangeSummary[] = [];
    const finished: ExchangeSummary[] = [];
    running.engine.on('exchange-started', (exchange) => started.push(exchange));
    running.engine.on('exchange-finished', (exchange) => finished.push(exchange));

    const replay = await running.engine.replay(original.id);

    expect(started.map((exchange) => exchange.id)).toEqual([replay.id]);
    expect(finished.map((exchange) => exchange.id)).toEqual([replay.id]);
    expect(finished[0]?.replayOf).toBe(original.id);
    expect(running.engine.store.list({ callId: 'call-link' }).map((exchange) => [exchange.id, exchange.replayOf])).toEqual([
      [replay.id, original.id],
      [original.id, null],
    ]);
    expect(running.engine.store.call('call-link')?.statusHistory).toEqual(['ended']);
  });

  it('carries exactly the edited JSON with its length', async () => {
    const original = await recordExchange(running, sampleBytes('end-of-call-report.json'));

    const replay = await running.engine.replay(original.id, { set: [{ pointer: '/message/analysis/summary', value: 'Edited summary é' }] });

    const sent = target.received[1];
    const expected = JSON.parse(sampleBytes('end-of-call-report.json').toString()) as { message: { analysis: { summary: string } } };
    expected.message.analysis.summary = 'Edited summary é';
    expect(JSON.parse(sent?.body.toString('utf8') as string)).toEqual(expected);
    expect(rawHeader(sent?.rawHeaders ?? [], 'content-length')).toBe(String(sent?.body.length));
    expect(Buffer.compare(Buffer.from(replay.requestBody), sent?.body as Buffer)).toBe(0);
    expect(replay.edited).toBe(true);
  });

  it('sends edited text exactly as given', async () => {
    const original = await recordExchange(running, vapiEvent('tool-calls', 'call-t'));
    const text = '{"message": {"type": "tool-calls", "call": {"id": "call-t"}, "note": "ünïcode"}}\n';

    const replay = await running.engine.replay(original.id, { bodyText: text });

    expect(target.received[1]?.body.toString('utf8')).toBe(text);
    expect(rawHeader(target.received[1]?.rawHeaders ?? [], 'content-length')).toBe(String(Buffer.byteLength(text)));
    expect(replay.edited).toBe(true);
  });

  it('treats an unchanged body text as no edit', async () => {
    const body = vapiEvent('hang', 'call-same');
    const original = await recordExchange(running, body);

    const replay = await running.engine.replay(original.id, { bodyText: body });

    expect(replay.edited).toBe(false);
  });

  it('rejects invalid JSON unless allowed', async () => {
    const original = await recordExchange(running, vapiEvent('hang', 'call-bad'));

    await expect(running.engine.replay(original.id, { bodyText: '{"message": ' })).rejects.toMatchObject({ code: 'invalid_json' });
    expect(target.received).toHaveLength(1);

    const replay = await running.engine.replay(original.id, { bodyText: '{"message": ', allowInvalidJson: true });

    expect(target.received[1]?.body.toString()).toBe('{"message": ');
    expect(replay.type).toBe('hang');
    expect(replay.callId).toBe('call-bad');
  });

  it('sends edited headers', async () => {
    const original = await recordExchange(running, vapiEvent('hang', 'call-hd'), { headers: ['Content-Type', 'application/json', 'X-Env', 'prod'] });

    const replay = await running.engine.replay(original.id, {
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Env', 'dev'],
        ['Content-Length', '999'],
      ],
    });

    const headers = target.received[1]?.rawHeaders ?? [];
    expect(rawHeader(headers, 'x-env')).toBe('dev');
    expect(rawHeader(headers, 'content-length')).toBe(String(original.requestSize));
    expect(replay.edited).toBe(true);
  });

  it('sends gzip bodies compressed when unedited', async () => {
    const plain = Buffer.from(vapiEvent('transcript', 'call-gz', { transcript: 'hello' }));
    const compressed = gzipSync(plain);
    const original = await recordExchange(running, compressed, { headers: ['Content-Type', 'application/json', 'Content-Encoding', 'gzip'] });

    const replay = await running.engine.replay(original.id);

    const sent = target.received[1];
    expect(Buffer.compare(sent?.body as Buffer, compressed)).toBe(0);
    expect(rawHeader(sent?.rawHeaders ?? [], 'content-encoding')).toBe('gzip');
    expect(gunzipSync(sent?.body as Buffer).toString()).toBe(plain.toString());
    expect(replay.type).toBe('transcript');
    expect(replay.edited).toBe(false);
  });

  it('sends edited gzip bodies plain', async () => {
    const compressed = gzipSync(vapiEvent('transcript', 'call-gz2', { transcript: 'hello' }));
    const original = await recordExchange(running, compressed, { headers: ['Content-Type', 'application/json', 'Content-Encoding', 'gzip'] });

    const replay = await running.engine.replay(original.id, { set: [{ pointer: '/message/transcript', value: 'bye' }] });

    const sent = target.received[1];
    expect(rawHeader(sent?.rawHeaders ?? [], 'content-encoding')).toBeUndefined();
    expect(JSON.parse(sent?.body.toString() as string)).toMatchObject({ message: { transcript: 'bye' } });
    expect(rawHeader(sent?.rawHeaders ?? [], 'content-length')).toBe(String(sent?.body.length));
    expect(replay.edited).toBe(true);
    expect(replay.callId).toBe('call-gz2');
  });

  it('decodes gzip when the edited headers drop Content-Encoding', async () => {
    const plain = vapiEvent('hang', 'call-gz3');
    const original = await recordExchange(running, gzipSync(plain), { headers: ['Content-Type', 'application/json', 'Content-Encoding', 'gzip'] });

    await running.engine.replay(original.id, { headers: [['Content-Type', 'application/json']] });

    expect(target.received[1]?.body.toString()).toBe(plain);
    expect(rawHeader(target.received[1]?.rawHeaders ?? [], 'content-encoding')).toBeUndefined();
  });

  it('marks an edited signed body stale', async () => {
    const original = await recordExchange(running, vapiEvent('tool-calls', 'call-sig'), {
      headers: ['Content-Type', 'application/json', 'x-signature', 'abc123', 'x-timestamp', '1768498297300'],
    });

    const unedited = await running.engine.replay(original.id);
    const edited = await running.engine.replay(original.id, { set: [{ pointer: '/message/extra', value: 1 }] });

    expect(unedited.signature).toBe('original');
    expect(edited.signature).toBe('stale');
    expect(rawHeader(target.received[2]?.rawHeaders ?? [], 'x-signature')).toBe('abc123');
  });

  it('re-signs edited replays with a configured HMAC secret', async () => {
    running.engine.auth.update({ default: { scheme: 'hmac', secretKey: 'replay-secret' } });
    const original = await recordExchange(running, vapiEvent('tool-calls', 'call-hmac'), {
      headers: ['Content-Type', 'application/json', 'x-signature', 'recorded', 'x-timestamp', '1768498297300'],
    });
    const before = Date.now();

    const replay = await running.engine.replay(original.id, { set: [{ pointer: '/message/extra', value: 'é' }] });

    const sent = target.received[1];
    const timestamp = rawHeader(sent?.rawHeaders ?? [], 'x-timestamp') as string;
    const expected = createHmac('sha256', 'replay-secret')
      .update(Buffer.concat([Buffer.from(`${timestamp}.`), sent?.body as Buffer]))
      .digest('hex');
    expect(rawHeader(sent?.rawHeaders ?? [], 'x-signature')).toBe(expected);
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(replay.signature).toBe('hmac-sha256');
    expect(replay.edited).toBe(true);
  });

  it('leaves unsigned replays without a signature', async () => {
    const original = await recordExchange(running, vapiEvent('hang', 'call-nosig'));

    const replay = await running.engine.replay(original.id, { set: [{ pointer: '/message/extra', value: 1 }] });

    expect(replay.signature).toBeNull();
  });

  it('maps the path to a URL given for the replay', async () => {
    const other = await startTarget(replyJson({ other: true }));

    try {
      const original = await recordExchange(running, vapiEvent('hang', 'call-to'), { path: '/hooks/vapi?env=dev' });

      const replay = await running.engine.replay(original.id, { to: other.url });

      expect(other.received[0]?.url).toBe('/hooks/vapi?env=dev');
      expect(replay.targetUrl).toBe(`${other.url}/hooks/vapi?env=dev`);
      expect(Buffer.from(replay.responseBody as Uint8Array).toString()).toBe('{"other":true}');
    } finally {
      await other.close();
    }
  });

  it('falls back to the recorded target URL', async () => {
    const original = await recordExchange(running, vapiEvent('hang', 'call-rec'), { path: '/x?y=1' });
    await running.engine.updateSettings({ targetUrl: null });

    const replay = await running.engine.replay(original.id);

    expect(target.received[1]?.url).toBe('/vapi/webhook?y=1');
    expect(replay.targetUrl).toBe(`${target.url}/vapi/webhook?y=1`);
  });

  it('records a target that is down', async () => {
    const original = await recordExchange(running, vapiEvent('hang', 'call-down'));
    await target.close();

    const replay = await running.engine.replay(original.id);

    expect(replay.outcome).toBe('target_unreachable');
    expect(replay.status).toBeNull();
    expect(replay.errorMessage).toMatch(/Nothing is listening at 127\.0\.0\.1:\d+/);
    expect(running.engine.store.summary(replay.id)?.outcome).toBe('target_unreachable');
  });

  it('records a 5xx reply as a target error', async () => {
    const failing = await startTarget(replyJson({ error: 'crash' }, 500));

    try {
      const original = await recordExchange(running, vapiEvent('hang', 'call-500'));

      const replay = await running.engine.replay(original.id, { to: failing.url });

      expect(replay.outcome).toBe('target_error');
      expect(replay.status).toBe(500);
      expect(Buffer.from(replay.responseBody as Uint8Array).toString()).toBe('{"error":"crash"}');
    } finally {
      await failing.close();
    }
  });

  it('checks the reply to a replay', async () => {
    const original = await recordExchange(running, sampleBytes('tool-calls.json'));

    const replay = await running.engine.replay(original.id);

    expect(replay.checks.map((check) => check.code)).toContain('tool_results_missing');
  });

  it('leaves the call summary as the original call set it', async () => {
    const original = await recordExchange(running, sampleBytes('end-of-call-report.json'));
    const before = running.engine.store.call(original.callId as string);

    await running.engine.replay(original.id);

    expect(running.engine.store.call(original.callId as string)).toEqual(before);
    expect(running.engine.store.list({ callId: original.callId as string })).toHaveLength(2);
  });

  it('rejects a body that was never recorded', async () => {
    await running.engine.updateSettings({ bodyLimitBytes: 1024 });
    await send(`${running.url}/webhook`, { body: vapiEvent('hang', 'call-big', { padding: 'x'.repeat(2048) }) });
    await running.engine.recorded();
    const [rejected] = running.engine.store.list({ limit: 1 });

    await expect(running.engine.replay(rejected?.id as number)).rejects.toThrow(/was rejected for exceeding the body limit/);

    const replay = await running.engine.replay(rejected?.id as number, { bodyText: vapiEvent('hang', 'call-big') });
    expect(replay.status).toBe(200);
  });

  it('rejects an unknown id', async () => {
    await expect(running.engine.replay(9999)).rejects.toThrow(SwitchboardError);
    await expect(running.engine.replay(9999)).rejects.toMatchObject({ code: 'exchange_not_found' });
  });

  it('rejects a replay with nowhere to go', async () => {
    await running.engine.updateSettings({ targetUrl: null });
    const original = await recordExchange(running, vapiEvent('hang', 'call-none'));

    await expect(running.engine.replay(original.id)).rejects.toMatchObject({ code: 'no_target' });
  });

  it('rejects an invalid URL for the replay', async () => {
    const original = await recordExchange(running, vapiEvent('hang', 'call-url'));

    await expect(running.engine.replay(original.id, { to: 'ftp://127.0.0.1/' })).rejects.toMatchObject({ code: 'invalid_target_url' });
  });
});
