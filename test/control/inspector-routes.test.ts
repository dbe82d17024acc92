import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallTimeline, ExchangeView, SimulationStarted, TargetHealth } from '../../src-main/contract/inspector';
import type { ExchangeSummary } from '../../src-main/contract/exchange';
import { startInspector, type RunningInspector } from '../support/control-fixture';
import { send } from '../support/http-client';
import { sampleBytes } from '../support/samples';
import { startTarget, type TargetServer } from '../support/target-server';

describe('inspector routes', () => {
  let target: TargetServer;
  let inspector: RunningInspector;

  beforeEach(async () => {
    target = await startTarget((_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }).end(gzipSync('{"results":[]}'));
    });
    inspector = await startInspector({ targetUrl: target.url });
  });

  afterEach(async () => {
    await inspector.stop();
    await target.close();
  });

  it('shows an exchange with its gzip reply decoded', async () => {
    await send(`${inspector.url}/vapi/webhook`, { body: sampleBytes('tool-calls.json') });
    await inspector.engine.recorded();
    const [summary] = inspector.engine.store.list();

    const { status, body } = await inspector.api<ExchangeView>(`/api/exchanges/${summary?.id}/view`);

    expect(status).toBe(200);
    expect(body.value.requestDecoded).toBeNull();
    expect(body.value.responseDecoded?.text).toBe('{"results":[]}');
    expect(Buffer.from(body.value.responseBodyBase64 ?? '', 'base64')).toEqual(gzipSync('{"results":[]}'));
  });

  it('answers 404 for an unknown exchange view', async () => {
    const { status, body } = await inspector.api('/api/exchanges/999/view');

    expect(status).toBe(404);
    expect(body.error.code).toBe('exchange_not_found');
  });

  it('returns a call timeline', async () => {
    await send(`${inspector.url}/vapi/webhook`, { body: sampleBytes('status-update.in-progress.json') });
    await inspector.engine.recorded();

    const { body } = await inspector.api<CallTimeline>('/api/calls/7d2e4f1a-93b6-4c85-a0de-5b1f6c8e2a47/timeline');

    expect(body.value.call.status).toBe('in-progress');
    expect(body.value.events).toHaveLength(1);
  });

  it('answers 404 for an unknown call timeline', async () => {
    const { status } = await inspector.api('/api/calls/nope/timeline');

    expect(status).toBe(404);
  });

  it('filters by afterId and warnings', async () => {
    for (let index = 0; index < 3; index += 1) {
      await send(`${inspector.url}/vapi/webhook`, { body: sampleBytes('hang.json') });
    }
    await inspector.engine.recorded();
    const ids = inspector.engine.store.list().map((exchange) => exchange.id);

    const after = await inspector.api<ExchangeSummary[]>(`/api/exchanges?after=${ids[2]}`);
    const warned = await inspector.api<ExchangeSummary[]>('/api/exchanges?warnings=1');

    expect(after.body.value.map((exchange) => exchange.id)).toEqual([ids[0], ids[1]]);
    expect(warned.body.value).toEqual([]);
  });

  it('reports a reachable target', async () => {
    const { body } = await inspector.api<TargetHealth>('/api/target-health?fresh=1');

    expect(body.value.reachable).toBe(true);
    expect(body.value.targetUrl).toBe(target.url);
  });

  it('reports a target that refuses connections', async () => {
    await target.close();

    const { body } = await inspector.api<TargetHealth>('/api/target-health?fresh=1');

    expect(body.value.reachable).toBe(false);
    expect(body.value.error).toMatch(/refused/);
  });

  it('names the field of an invalid setting', async () => {
    const { status, body } = await inspector.api('/api/settings', { method: 'PATCH', body: { timeoutMs: -5 } });

    expect(status).toBe(400);
    expect(body.error.field).toBe('timeoutMs');
  });

  it('simulates a call through the receive port', async () => {
    const { body } = await inspector.api<SimulationStarted>('/api/simulate-call', { method: 'POST', body: { speed: 1000 } });
    const deadline = Date.now() + 10_000;

    const recorded = (): ExchangeSummary[] => inspector.engine.store.list({ callId: body.value.callId, limit: 100 });

    while (recorded().some((exchange) => exchange.outcome === 'pending') || recorded().length < body.value.eventCount) {
      if (Date.now() > deadline) throw new Error(`Only ${recorded().length} of ${body.value.eventCount} simulated events arrived.`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const timeline = await inspector.api<CallTimeline>(`/api/calls/${body.value.callId}/timeline`);

    expect(timeline.body.value.report?.summary).toContain('table for two');
    expect(target.received.length).toBeGreaterThan(10);
    expect(timeline.body.value.events).toHaveLength(body.value.eventCount);
  });

  it('rejects an invalid simulation speed', async () => {
    const { status, body } = await inspector.api('/api/simulate-call', { method: 'POST', body: { speed: 0 } });

    expect(status).toBe(400);
    expect(body.error.message).toMatch(/speed/);
  });
});

