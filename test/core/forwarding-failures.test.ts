import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { send, sendRaw } from '../support/http-client';
import { sampleBytes } from '../support/samples';
import { closedPort, latestExchange as latest, useForwardingFixture } from '../support/forwarding-fixture';
import { replyJson, type TargetHandler } from '../support/target-server';

const { target, engine } = useForwardingFixture();

/** A handler that never answers; the connection is closed when the test's server closes. */
const hang: TargetHandler = () => undefined;

describe('forwarding failures', () => {
  it('answers 502 when the target is down', async () => {
    const port = await closedPort();
    const running = await engine({ targetUrl: `http://127.0.0.1:${port}/vapi/webhook` });

    const response = await send(`${running.url}/?attempt=2`, { body: sampleBytes('status-update.in-progress.json') });

    expect(response.status).toBe(502);
    const body = JSON.parse(response.body.toString()) as { error: { code: string; message: string; target: string } };
    expect(body.error.code).toBe('target_unreachable');
    expect(body.error.message).toContain(`127.0.0.1:${port}`);
    expect(body.error.message).toContain('Is your server running');
    expect(body.error.target).toBe(`http://127.0.0.1:${port}/vapi/webhook?attempt=2`);
    expect((await latest(running))?.outcome).toBe('target_unreachable');
    expect((await latest(running))?.type).toBe('status-update');
  });

  it('answers 504 when the target is too slow', async () => {
    const server = await target(hang);
    const running = await engine({ targetUrl: server.url, timeoutMs: 300 });

    const response = await send(`${running.url}/calls/hang?attempt=2`, { body: sampleBytes('hang.json') });

    expect(response.status).toBe(504);
    const body = JSON.parse(response.body.toString()) as { error: { code: string; target: string } };
    expect(body.error.code).toBe('target_timeout');
    expect(body.error.target).toBe(`${server.url}/calls/hang?attempt=2`);
    expect((await latest(running))?.outcome).toBe('target_timeout');
  });

  it('applies the timeout of the event type', async () => {
    const server = await target(hang);
    const running = await engine({ targetUrl: server.url, timeoutMs: 60_000, timeoutMsByType: { 'assistant-request': 200 } });

    const response = await send(`${running.url}/`, { body: sampleBytes('assistant-request.json') });

    expect(response.status).toBe(504);
    expect((await latest(running))?.errorMessage).toContain('200 ms');
    expect((await latest(running))?.errorMessage).toContain('assistant-request');
    expect((await latest(running))?.errorMessage).toContain('--type-timeout assistant-request=SECONDS');
  });

  it('records the part of a reply that broke off', async () => {
    const server = await target((_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 100 });
      response.write('{"results":[{"');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const running = await engine({ targetUrl: server.url });

    await send(`${running.url}/`, { body: sampleBytes('tool-calls.json') }).catch(() => undefined);
    const detail = await latest(running);

    expect(detail?.status).toBe(200);
    expect(detail?.outcome).toBe('target_error');
    expect(Buffer.from(detail?.responseBody as Uint8Array).toString()).toBe('{"results":[{"');
    expect(detail?.responseHeaders).toContainEqual(['Content-Length', '100']);
    expect(detail?.responseTruncated).toBe(false);
    expect(detail?.errorMessage).toContain('connection broke');
  });

  it('keeps other requests moving while one hangs', async () => {
    const server = await target((request, _body, response) => {
      if (request.url === '/slow') return;
      response.end('{}');
    });
    const running = await engine({ targetUrl: server.url, timeoutMs: 5_000 });

    const slow = send(`${running.url}/slow`, { body: '{}' });
    const quick = await send(`${running.url}/quick`, { body: '{}' });

    expect(quick.status).toBe(200);
    await running.engine.recorded();
    expect(running.engine.store.list({ outcome: 'pending' })).toHaveLength(1);
    await server.close();
    await slow.catch(() => undefined);
  });

  it('rejects an oversize body with 413 and records it', async () => {
    const server = await target();
    const running = await engine({ targetUrl: server.url, bodyLimitBytes: 2048 });

    const response = await send(`${running.url}/big`, { body: Buffer.alloc(4096, 0x61) });

    expect(response.status).toBe(413);
    const body = JSON.parse(response.body.toString()) as { error: { code: string; limitBytes: number } };
    expect(body.error.code).toBe('body_too_large');
    expect(body.error.limitBytes).toBe(2048);
    expect(server.received).toHaveLength(0);
    expect((await latest(running))?.outcome).toBe('rejected');
    expect((await latest(running))?.path).toBe('/big');
  });

  it('rejects an oversize chunked body', async () => {
    const server = await target();
    const running = await engine({ targetUrl: server.url, bodyLimitBytes: 1024 });
    const chunk = 'a'.repeat(800);

    const reply = await sendRaw(
      Number(new URL(running.url).port),
      `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n320\r\n${chunk}\r\n320\r\n${chunk}\r\n0\r\n\r\n`,
    );

    expect(reply.toString()).toContain('413');
    expect(server.received).toHaveLength(0);
    expect((await latest(running))?.outcome).toBe('rejected');
  });

  it('answers 502 with no target set and still records', async () => {
    const running = await engine({ targetUrl: null });

    const response = await send(`${running.url}/`, { body: sampleBytes('transcript.final.json') });

    expect(response.status).toBe(502);
    expect((JSON.parse(response.body.toString()) as { error: { code: string } }).error.code).toBe('no_target');
    expect((await latest(running))?.type).toBe('transcript');
  });

  it('answers 502 when stopped mid-forward', async () => {
    const server = await target(hang);
    const running = await engine({ targetUrl: server.url, timeoutMs: 10_000 });
    const reply = send(`${running.url}/`, { body: sampleBytes('status-update.in-progress.json') });
    await new Promise((resolve) => setTimeout(resolve, 100));

    await running.engine.stop(100);
    const response = await reply;
    const exchange = running.engine.store.list()[0];

    expect(response.status).toBe(502);
    expect((JSON.parse(response.body.toString()) as { error: { code: string } }).error.code).toBe('interrupted');
    expect(exchange?.outcome).toBe('interrupted');
    expect(exchange?.errorMessage).toBe('Switchboard stopped before the target answered.');
  });

  it('records an exchange the caller abandoned', async () => {
    const server = await target(hang);
    const running = await engine({ targetUrl: server.url, timeoutMs: 10_000 });
    const port = Number(new URL(running.url).port);

    await sendRaw(port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}', 300);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect((await latest(running))?.outcome).toBe('interrupted');
  });
});

describe('recording failures', () => {
  it('still forwards when the database rejects writes', async () => {
    const server = await target(replyJson({ fine: true }));
    const running = await engine({ targetUrl: server.url });
    const errors: unknown[] = [];
    running.engine.on('record-error', (error) => errors.push(error));
    // A trigger makes every insert fail on the recording thread's own connection, as a full disk would.
    running.db.exec("CREATE TRIGGER reject_inserts BEFORE INSERT ON exchanges BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");

    const response = await send(`${running.url}/`, { body: sampleBytes('tool-calls.json') });
    await running.engine.recorded();

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({ fine: true });
    expect(server.received).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('database or disk is full');
    expect(running.engine.store.count()).toBe(0);
  });
});

describe('database locks', () => {
  it('forwards while another connection holds the lock', async () => {
    const server = await target(replyJson({ fine: true }));
    const running = await engine({ targetUrl: server.url });
    const errors: unknown[] = [];
    running.engine.on('record-error', (error) => errors.push(error));
    const holder = new BetterSqlite3(running.dbPath);
    holder.exec('BEGIN EXCLUSIVE');

    const response = await send(`${running.url}/`, { body: sampleBytes('status-update.in-progress.json') });
    const countWhileLocked = holder.prepare('SELECT count(*) AS n FROM exchanges').get() as { n: number };
    holder.exec('ROLLBACK');
    holder.close();
    await running.engine.recorded();

    expect(response.status).toBe(200);
    expect(server.received).toHaveLength(1);
    expect(countWhileLocked.n).toBe(0);
    // The recording thread waits for the lock, so the exchange is recorded once it is released.
    expect(errors).toEqual([]);
    expect(running.engine.store.list().map((exchange) => exchange.outcome)).toEqual(['forwarded']);
  });
});

describe('localhost targets', () => {
  it('reaches a server on 127.0.0.1 via localhost', async () => {
    const server = await target(replyJson({ ok: 4 }), '127.0.0.1');
    const running = await engine({ targetUrl: `http://localhost:${server.port}` });

    const response = await send(`${running.url}/`, { body: '{}' });

    expect(JSON.parse(response.body.toString())).toEqual({ ok: 4 });
  });

  it('reaches a server on ::1 via localhost', async () => {
    const server = await target(replyJson({ ok: 6 }), '::1');
    const running = await engine({ targetUrl: `http://localhost:${server.port}` });

    const response = await send(`${running.url}/`, { body: '{}' });

    expect(JSON.parse(response.body.toString())).toEqual({ ok: 6 });
  });

  it('reaches a bracketed IPv6 target', async () => {
    const server = await target(replyJson({ ok: 'v6' }), '::1');
    const running = await engine({ targetUrl: `http://[::1]:${server.port}/hook` });

    const response = await send(`${running.url}/`, { body: '{}' });

    expect(JSON.parse(response.body.toString())).toEqual({ ok: 'v6' });
    expect(server.received[0]?.rawHeaders).toContain(`[::1]:${server.port}`);
  });

  it('receives on an IPv6 loopback address', async () => {
    const server = await target();
    const running = await engine({ targetUrl: server.url, host: '::1' });

    expect(running.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    const response = await send(`${running.url}/`, { body: '{}' });

    expect(response.status).toBe(200);
  });
});
