import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startInspector, type RunningInspector } from '../support/control-fixture';
import { send, sendRaw } from '../support/http-client';

/** Opens a WebSocket and resolves with the HTTP status of a rejected upgrade, or 101 when it opened. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

describe('control port access', () => {
  let inspector: RunningInspector;
  let token: string;
  let port: number;

  beforeAll(async () => {
    inspector = await startInspector();
    token = inspector.control.token;
    port = inspector.control.port;
  });

  afterAll(async () => {
    await inspector.stop();
  });

  it('answers the API with the token', async () => {
    const response = await send(`${inspector.origin}/api/runtime`, { method: 'GET', headers: ['x-switchboard-token', token] });

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString()).ok).toBe(true);
  });

  it('rejects the API without a token', async () => {
    const response = await send(`${inspector.origin}/api/exchanges`, { method: 'GET', headers: [] });
    const body = JSON.parse(response.body.toString());

    expect(response.status).toBe(401);
    expect(body.error.code).toBe('unauthorized');
  });

  it('rejects a wrong token', async () => {
    const response = await send(`${inspector.origin}/api/exchanges?token=${'x'.repeat(token.length)}`, { method: 'GET', headers: [] });

    expect(response.status).toBe(401);
  });

  it('survives request targets that are not paths', async () => {
    for (const target of ['//', '//evil.example/api/runtime', '//?token=x']) {
      const reply = await sendRaw(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      expect(reply.toString()).toMatch(/^HTTP\/1\.1 (200|400|401|404) /);
    }

    expect(await upgradeStatus(`ws://127.0.0.1:${port}//`)).toBe(404);
    const alive = await send(`${inspector.origin}/api/runtime`, { method: 'GET', headers: ['x-switchboard-token', token] });
    expect(alive.status).toBe(200);
  });

  it('rejects a foreign Host header', async () => {
    const response = await send(`${inspector.origin}/api/exchanges`, { method: 'GET', headers: ['Host', `attacker.example:${port}`, 'x-switchboard-token', token] });
    const body = JSON.parse(response.body.toString());

    expect(response.status).toBe(403);
    expect(body.error.code).toBe('forbidden_host');
  });

  it('rejects the page under a foreign Host', async () => {
    const response = await send(`${inspector.origin}/`, { method: 'GET', headers: ['Host', `rebound.example:${port}`] });

    expect(response.status).toBe(403);
  });

  it('rejects a loopback Host with another port', async () => {
    const response = await send(`${inspector.origin}/api/exchanges`, { method: 'GET', headers: ['Host', `127.0.0.1:${port + 1}`, 'x-switchboard-token', token] });

    expect(response.status).toBe(403);
  });

  it('rejects a cross-origin request', async () => {
    const response = await send(`${inspector.origin}/api/exchanges`, { method: 'GET', headers: ['Origin', 'http://evil.example', 'x-switchboard-token', token] });
    const body = JSON.parse(response.body.toString());

    expect(response.status).toBe(403);
    expect(body.error.code).toBe('forbidden_origin');
  });

  it('sends no CORS headers', async () => {
    const preflight = await send(`${inspector.origin}/api/exchanges`, {
      method: 'OPTIONS',
      headers: ['Origin', inspector.origin, 'Access-Control-Request-Method', 'GET', 'x-switchboard-token', token],
    });
    const plain = await send(`${inspector.origin}/api/exchanges`, { method: 'GET', headers: ['x-switchboard-token', token] });

    for (const response of [preflight, plain]) {
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('accepts the WebSocket with the token', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/api/events?token=${token}`)).toBe(101);
  });

  it('rejects the WebSocket without a token', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/api/events`)).toBe(401);
  });

  it('rejects the WebSocket from another origin', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/api/events?token=${token}`, { Origin: 'http://evil.example' })).toBe(403);
  });

  it('rejects the WebSocket under a foreign Host', async () => {
    const reply = await sendRaw(
      port,
      `GET /api/events?token=${token} HTTP/1.1\r\nHost: rebound.example:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );

    expect(reply.toString()).toMatch(/^HTTP\/1\.1 403/);
  });

  it('listens on loopback only', () => {
    const address = (inspector.control as unknown as { server: { address(): { address: string } } }).server.address();

    expect(address.address).toBe('127.0.0.1');
  });
});
