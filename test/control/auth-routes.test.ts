import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthCheck, AuthSettingsView } from '../../src-main/contract/auth';
import { ControlServer } from '../../src-main/control/control-server';
import { startEngine, type RunningEngine } from '../support/engine-fixture';
import { send } from '../support/http-client';

interface Envelope<T> {
  ok: boolean;
  value: T;
  error: { code: string; message: string; field?: string };
}

describe('auth control routes', () => {
  let running: RunningEngine;
  let control: ControlServer;

  beforeEach(async () => {
    running = await startEngine();
    control = new ControlServer({ engine: running.engine, port: 0, staticDir: '/nonexistent', version: 'test' });
    await control.start();
  });

  afterEach(async () => {
    await control.stop();
    await running.stop();
  });

  async function api<T>(path: string, method = 'GET', body?: unknown): Promise<{ status: number; text: string; body: Envelope<T> }> {
    const response = await fetch(`http://127.0.0.1:${control.port}${path}`, {
      method,
      headers: { 'x-switchboard-token': control.token, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as Envelope<T> };
  }

  it('starts with no scheme', async () => {
    const { body } = await api<AuthSettingsView>('/api/auth');
    expect(body.value).toEqual({ rejectInvalid: false, default: { scheme: 'none' }, paths: [], secretsPersisted: false });
  });

  it('accepts secrets but never returns them', async () => {
    const put = await api<AuthSettingsView>('/api/auth', 'PUT', {
      rejectInvalid: true,
      default: { scheme: 'hmac', secretKey: 'write-only-hmac-key' },
      paths: [{ path: '/tools', config: { scheme: 'bearer', token: 'write-only-token' } }],
    });
    const get = await api<AuthSettingsView>('/api/auth');

    expect(put.status).toBe(200);
    expect(put.text).not.toContain('write-only');
    expect(get.text).not.toContain('write-only');
    expect(get.body.value.default).toMatchObject({ scheme: 'hmac', secretSet: true, algorithm: 'sha256' });
    expect(get.body.value.paths[0]?.config).toMatchObject({ scheme: 'bearer', secretSet: true });
    expect(running.engine.auth.settings.rejectInvalid).toBe(true);
  });

  it('keeps a secret left out of an update', async () => {
    await api('/api/auth', 'PUT', { default: { scheme: 'secret', secret: 'kept-secret' } });
    await api('/api/auth', 'PUT', { default: { scheme: 'secret', headerName: 'X-Key' } });
    expect(running.engine.auth.settings.default).toEqual({ scheme: 'secret', secret: 'kept-secret', headerName: 'X-Key' });
  });

  it('rejects an invalid update with its field', async () => {
    const { status, body } = await api('/api/auth', 'PUT', { default: { scheme: 'hmac', secretKey: 'k', signatureEncoding: 'base32' } });
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_option');
    expect(body.error.field).toBe('default.signatureEncoding');
  });

  it('returns the check of an exchange', async () => {
    await api('/api/auth', 'PUT', { default: { scheme: 'secret', secret: 'route-secret' } });
    await send(`${running.url}/webhook`, { body: '{}', headers: ['Content-Type', 'application/json', 'X-Vapi-Secret', 'Bearer route-secret'] });
    await running.engine.recorded();
    const id = running.engine.store.list({ limit: 1 })[0]?.id as number;
    const { body, text } = await api<AuthCheck>(`/api/exchanges/${id}/auth`);

    expect(body.value.state).toBe('invalid');
    expect(body.value.reason).toBe('wrong_secret_format');
    expect(body.value.received).toContainEqual({ name: 'X-Vapi-Secret', value: 'Bearer route-secret' });
    expect(text.split('route-secret').length - 1).toBe(1);
  });

  it('answers 404 without a check', async () => {
    await send(`${running.url}/webhook`, { body: '{}' });
    await running.engine.recorded();
    const id = running.engine.store.list({ limit: 1 })[0]?.id as number;

    expect((await api(`/api/exchanges/${id}/auth`)).status).toBe(404);
    expect((await api('/api/exchanges/99999/auth')).body.error.code).toBe('exchange_not_found');
  });
});
