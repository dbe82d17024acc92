import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PruneReport } from '../../src-main/contract/history';
import { recordExchanges } from '../recorder/retention/record-exchanges';
import { startInspector, type RunningInspector } from '../support/control-fixture';

describe('history control routes', () => {
  let running: RunningInspector;

  beforeEach(async () => {
    running = await startInspector();
  });

  afterEach(async () => {
    await running.stop();
  });

  it('POST clear deletes the history', async () => {
    recordExchanges(running.db, [
      { callId: 'a', receivedAt: Date.now() },
      { callId: 'b', receivedAt: Date.now() },
      { callId: 'b', receivedAt: Date.now(), pending: true },
    ]);

    const { status, body } = await running.api<PruneReport>('/api/history/clear', { method: 'POST' });

    expect(status).toBe(200);
    expect(body.value).toEqual({ reason: 'clear', exchanges: 2, calls: 1 });
    expect(running.engine.store.list().map((exchange) => exchange.outcome)).toEqual(['pending']);
  });

  it('GET clear is not a route', async () => {
    const { status, body } = await running.api('/api/history/clear');

    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });

  it('PATCH settings sets retention', async () => {
    const { body } = await running.api<{ keepCalls: number | null; keepDays: number | null }>('/api/settings', { method: 'PATCH', body: { keepCalls: 3, keepDays: 1.5 } });

    expect(body.value.keepCalls).toBe(3);
    expect(body.value.keepDays).toBe(1.5);
  });

  it('PATCH settings rejects a bad limit', async () => {
    const { status, body } = await running.api('/api/settings', { method: 'PATCH', body: { keepMegabytes: 0 } });

    expect(status).toBe(400);
    expect(body.error.message).toContain('keepMegabytes');
  });

  it('PATCH settings names the range of a limit', async () => {
    const { status, body } = await running.api('/api/settings', { method: 'PATCH', body: { keepMegabytes: 1_000_000_000_000 } });

    expect(status).toBe(400);
    expect(body.error.message).toBe('Invalid setting keepMegabytes: give a whole number of MiB from 1 to 16777216, or null for no size limit.');
  });

  it.each([[1e-9], [5.5], [1e300], ['0x10']])('PATCH settings names the calls range for %s', async (keepCalls) => {
    const { status, body } = await running.api('/api/settings', { method: 'PATCH', body: { keepCalls } });

    expect(status).toBe(400);
    expect(body.error.message).toBe('Invalid setting keepCalls: give a whole number of calls from 1 to 1000000000, or null to keep every call.');
  });

  it('PATCH settings rejects an unknown setting', async () => {
    const { status, body } = await running.api('/api/settings', { method: 'PATCH', body: { keepcalls: 3 } });

    expect(status).toBe(400);
    expect(body.error.message).toContain('Unknown setting keepcalls.');
    expect(body.error.message).toContain('keepCalls');
  });
});
