import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ExchangeDetailJson, PushBatch } from '../../src-main/contract/api';
import type { CallReplayProgress, CallReplayStarted, ExchangeComparison, ReplayDraft } from '../../src-main/contract/replay';
import { startInspector, type RunningInspector } from '../support/control-fixture';
import { recordExchange, vapiEvent } from '../support/replay-fixture';
import { sampleBytes } from '../support/samples';
import { startTarget, type TargetServer } from '../support/target-server';

/** Reads `message.analysis.summary` from a request body; null when the body is not such JSON. */
function summaryOf(body: Buffer): string | null {
  try {
    return (JSON.parse(body.toString()) as { message: { analysis?: { summary?: string } } }).message.analysis?.summary ?? null;
  } catch {
    return null;
  }
}

describe('replay routes', () => {
  let target: TargetServer;
  let inspector: RunningInspector;
  let replies = 0;

  beforeEach(async () => {
    replies = 0;
    target = await startTarget((_request, body, response) => {
      replies += 1;
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ reply: replies, summary: summaryOf(body) }));
    });
    inspector = await startInspector({ targetUrl: `${target.url}/vapi/webhook` });
  });

  afterEach(async () => {
    await inspector.stop();
    await target.close();
  });

  it('returns an editable draft', async () => {
    const original = await recordExchange(inspector, gzipSync(vapiEvent('hang', 'call-draft')), {
      headers: ['Content-Type', 'application/json', 'Content-Encoding', 'gzip', 'x-signature', 'abc', 'Connection', 'close'],
    });

    const { body } = await inspector.api<ReplayDraft>(`/api/exchanges/${original.id}/replay-draft`);

    expect(body.value).toEqual({
      exchangeId: original.id,
      method: 'POST',
      bodyText: vapiEvent('hang', 'call-draft'),
      bodyIsJson: true,
      contentEncoding: 'gzip',
      headers: [
        ['Content-Type', 'application/json'],
        ['Content-Encoding', 'gzip'],
        ['x-signature', 'abc'],
      ],
      signatureHeaders: ['x-signature'],
      canSign: false,
      targetUrl: `${target.url}/vapi/webhook`,
    });
  });

  it('replays an edited body and compares both replies', async () => {
    const original = await recordExchange(inspector, sampleBytes('end-of-call-report.json'));

    const replayed = await inspector.api<ExchangeDetailJson>(`/api/exchanges/${original.id}/replay`, {
      method: 'POST',
      body: { set: [{ pointer: '/message/analysis/summary', value: 'Edited' }] },
    });
    const compared = await inspector.api<ExchangeComparison>(`/api/compare?left=${original.id}&right=${replayed.body.value.id}`);

    expect(replayed.body.value).toMatchObject({ replayOf: original.id, source: 'replay', edited: true, status: 200 });
    expect(compared.body.value.left.id).toBe(original.id);
    expect(compared.body.value.response).toMatchObject({ kind: 'json', equal: false });
    expect(compared.body.value.response.kind === 'json' && compared.body.value.response.changes).toEqual([
      { kind: 'changed', pointer: '/reply', before: 1, after: 2 },
      { kind: 'changed', pointer: '/summary', before: expect.any(String), after: 'Edited' },
    ]);
    expect(compared.body.value.request.kind === 'json' && compared.body.value.request.changes).toEqual([
      { kind: 'changed', pointer: '/message/analysis/summary', before: expect.any(String), after: 'Edited' },
    ]);
  });

  it('rejects invalid JSON until confirmed', async () => {
    const original = await recordExchange(inspector, vapiEvent('hang', 'call-json'));

    const rejected = await inspector.api(`/api/exchanges/${original.id}/replay`, { method: 'POST', body: { bodyText: '{oops' } });
    const confirmed = await inspector.api<ExchangeDetailJson>(`/api/exchanges/${original.id}/replay`, {
      method: 'POST',
      body: { bodyText: '{oops', allowInvalidJson: true },
    });

    expect(rejected.status).toBe(400);
    expect(rejected.body.error.code).toBe('invalid_json');
    expect(rejected.body.error.message).toMatch(/The edited body is not valid JSON/);
    expect(confirmed.body.value.requestBody).toBe('{oops');
  });

  it('rejects unknown fields', async () => {
    const original = await recordExchange(inspector, vapiEvent('hang', 'call-fields'));

    const { status, body } = await inspector.api(`/api/exchanges/${original.id}/replay`, { method: 'POST', body: { bodyTxt: '{}' } });

    expect(status).toBe(400);
    expect(body.error.message).toMatch(/Invalid replay request/);
  });

  it('answers 404 for an unknown exchange', async () => {
    const { status, body } = await inspector.api('/api/exchanges/999/replay', { method: 'POST', body: {} });

    expect(status).toBe(404);
    expect(body.error.code).toBe('exchange_not_found');
  });

  it('rejects comparing different types', async () => {
    const hang = await recordExchange(inspector, vapiEvent('hang', 'call-cmp'));
    const report = await recordExchange(inspector, vapiEvent('end-of-call-report', 'call-cmp'));

    const { status, body } = await inspector.api(`/api/compare?left=${hang.id}&right=${report.id}`);

    expect(status).toBe(400);
    expect(body.error.code).toBe('not_comparable');
  });

  it('pushes whole-call progress and cancels', async () => {
    await recordExchange(inspector, vapiEvent('status-update', 'call-push', { status: 'in-progress' }));
    await recordExchange(inspector, vapiEvent('hang', 'call-push'));
    inspector.db.prepare("UPDATE exchanges SET received_at = received_at + 60000 WHERE event_type = 'hang'").run();
    const socket = new WebSocket(`ws://127.0.0.1:${inspector.control.port}/api/events?token=${inspector.control.token}`);
    const pushed: CallReplayProgress[] = [];
    socket.on('message', (data) => {
      for (const event of (JSON.parse(String(data)) as PushBatch).events) {
        if (event.kind === 'call-replay-progress') pushed.push(event.progress);
      }
    });
    await new Promise((resolve) => socket.once('open', resolve));

    try {
      const started = await inspector.api<CallReplayStarted>('/api/calls/call-push/replay', { method: 'POST', body: { timing: 'original' } });

      while (!pushed.some((progress) => progress.steps.length === 1 && progress.nextAt !== null)) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }

      const cancelled = await inspector.api<CallReplayProgress>(`/api/call-replays/${started.body.value.runId}/cancel`, { method: 'POST' });
      const state = await inspector.api<CallReplayProgress>(`/api/call-replays/${started.body.value.runId}`);

      expect(started.body.value.total).toBe(2);
      expect(cancelled.body.value.state).toBe('cancelled');
      expect(state.body.value.steps).toHaveLength(1);
      expect(pushed[0]).toMatchObject({ callId: 'call-push', timing: 'original', state: 'running' });
    } finally {
      socket.close();
    }
  });

  it('rejects an invalid timing', async () => {
    await recordExchange(inspector, vapiEvent('hang', 'call-timing'));

    const { status, body } = await inspector.api('/api/calls/call-timing/replay', { method: 'POST', body: { timing: 'slow' } });

    expect(status).toBe(400);
    expect(body.error.message).toMatch(/Invalid call replay request: timing/);
  });

  it('answers 404 for a call without events', async () => {
    const { status } = await inspector.api('/api/calls/none/replay', { method: 'POST' });

    expect(status).toBe(404);
  });
});
