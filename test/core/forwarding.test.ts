import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { send, sendRaw } from '../support/http-client';
import { sampleBytes } from '../support/samples';
import { latestExchange as latest, useForwardingFixture } from '../support/forwarding-fixture';
import { replyJson, type TargetHandler } from '../support/target-server';

const { target, engine } = useForwardingFixture();

function headerNames(rawHeaders: string[]): string[] {
  return rawHeaders.filter((_value, index) => index % 2 === 0);
}

describe('request forwarding', () => {
  it('keeps multi-byte text byte for byte', async () => {
    const server = await target();
    const running = await engine({ targetUrl: server.url });
    const body = Buffer.from(JSON.stringify({ message: { type: 'transcript', transcript: 'Café für 4 👋 — ¿sí?' } }));

    await send(`${running.url}/hook`, { body });

    expect(Buffer.compare(server.received[0]?.body as Buffer, body)).toBe(0);
    expect(server.received[0]?.rawHeaders).toContain(String(body.length));
  });

  it('forwards and stores a body that is not JSON or UTF-8', async () => {
    const server = await target();
    const running = await engine({ targetUrl: server.url });
    const body = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x41, 0x0a]);

    await send(`${running.url}/raw`, { headers: ['Content-Type', 'application/octet-stream'], body });

    expect(Buffer.compare(server.received[0]?.body as Buffer, body)).toBe(0);
    const detail = await latest(running);
    expect(Buffer.compare(Buffer.from(detail?.requestBody as Uint8Array), body)).toBe(0);
    expect(detail?.type).toBeNull();
    expect(detail?.outcome).toBe('forwarded');
  });

  it('forwards a gzip body compressed, as received', async () => {
    const server = await target();
    const running = await engine({ targetUrl: server.url });
    const body = gzipSync(sampleBytes('status-update.ended.json'));

    await send(`${running.url}/`, { headers: ['Content-Type', 'application/json', 'Content-Encoding', 'gzip'], body });

    expect(Buffer.compare(server.received[0]?.body as Buffer, body)).toBe(0);
    expect(server.received[0]?.rawHeaders).toContain('gzip');
    const detail = await latest(running);
    expect(Buffer.compare(Buffer.from(detail?.requestBody as Uint8Array), body)).toBe(0);
    expect(detail?.type).toBe('status-update');
    expect(detail?.callId).toBe('7d2e4f1a-93b6-4c85-a0de-5b1f6c8e2a47');
  });

  it('checks a reply to an unparsed event', async () => {
    // Without mock rules the live path reads only the event type. The recording thread parses the
    // event and finds the tool call that the reply leaves unanswered.
    const server = await target(replyJson({ results: [] }));
    const running = await engine({ targetUrl: server.url });

    await send(`${running.url}/`, { body: sampleBytes('tool-calls.json') });
    const exchange = await latest(running);

    expect(exchange?.type).toBe('tool-calls');
    expect(exchange?.toolNames).toEqual(['check_availability', 'lookup_customer']);
    expect(exchange?.checks.map((check) => check.code)).toContain('tool_call_unanswered');
  });

  it('checks a gzip reply by its decoded JSON', async () => {
    const reply = gzipSync(sampleBytes('tool-calls.response.json'));
    const server = await target((_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': reply.length });
      response.end(reply);
    });
    const running = await engine({ targetUrl: server.url });

    await send(`${running.url}/`, { body: sampleBytes('tool-calls.json') });

    expect((await latest(running))?.checks).toEqual([]);
  });

  it('keeps header case, underscores and repeats', async () => {
    const server = await target();
    const running = await engine({ targetUrl: server.url });

    await send(`${running.url}/`, {
      headers: ['Content-Type', 'application/json', 'X_Vapi_Under', 'u', 'x-MiXeD-Case', 'm', 'X-Dup', 'one', 'X-Dup', 'two'],
      body: '{}',
    });

    const raw = server.received[0]?.rawHeaders as string[];
    expect(headerNames(raw)).toContain('X_Vapi_Under');
    expect(headerNames(raw)).toContain('x-MiXeD-Case');
    expect(raw.filter((value) => value === 'X-Dup')).toHaveLength(2);
    expect(raw).toContain('one');
    expect(raw).toContain('two');
  });

  it('sets Host and adds X-Forwarded headers', async () => {
    const server = await target();
    const running = await engine({ targetUrl: server.url });

    await send(`${running.url}/`, { headers: ['Host', 'public.example.test', 'Content-Type', 'application/json'], body: '{}' });

    const raw = server.received[0]?.rawHeaders as string[];
    expect(raw[raw.indexOf('Host') + 1]).toBe(`127.0.0.1:${server.port}`);
    expect(raw[raw.indexOf('X-Forwarded-Host') + 1]).toBe('public.example.test');
    expect(raw[raw.indexOf('X-Forwarded-For') + 1]).toBe('127.0.0.1');
    expect(raw[raw.indexOf('X-Forwarded-Proto') + 1]).toBe('http');
  });

  it('drops hop-by-hop headers', async () => {
    const server = await target();
    const running = await engine({ targetUrl: server.url });

    await send(`${running.url}/`, {
      headers: ['Content-Type', 'application/json', 'Connection', 'keep-alive, X-Hop', 'X-Hop', 'secret', 'Keep-Alive', 'timeout=5', 'Proxy-Authorization', 'x'],
      body: '{}',
    });

    const names = headerNames(server.received[0]?.rawHeaders as string[]).map((name) => name.toLowerCase());
    expect(names).not.toContain('x-hop');
    expect(names).not.toContain('keep-alive');
    expect(names).not.toContain('proxy-authorization');
  });

  it('sends every event to a fixed target path with the query', async () => {
    const server = await target();
    const running = await engine({ targetUrl: `${server.url}/vapi/webhook` });

    await send(`${running.url}/anything/else?a=1&b=%2F`, { body: '{}' });

    expect(server.received[0]?.url).toBe('/vapi/webhook?a=1&b=%2F');
  });

  it('keeps the incoming path for a bare origin', async () => {
    const server = await target();
    const running = await engine({ targetUrl: server.url });

    await send(`${running.url}/tools/a%2Fb?x=%20y`, { body: '{}' });

    expect(server.received[0]?.url).toBe('/tools/a%2Fb?x=%20y');
    expect((await latest(running))?.query).toBe('x=%20y');
    expect((await latest(running))?.path).toBe('/tools/a%2Fb');
  });

  it('forwards every method', async () => {
    const server = await target();
    const running = await engine({ targetUrl: server.url });

    await send(`${running.url}/x`, { method: 'PUT', body: '{}' });
    await send(`${running.url}/y`, { method: 'GET', headers: [] });

    expect(server.received.map((request) => request.method)).toEqual(['PUT', 'GET']);
  });

  it('re-frames a chunked request with its exact length', async () => {
    const server = await target();
    const running = await engine({ targetUrl: server.url });
    const port = Number(new URL(running.url).port);

    await sendRaw(
      port,
      'POST /c HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n{"a":\r\n2\r\n1}\r\n0\r\n\r\n',
    );

    expect(server.received[0]?.body.toString()).toBe('{"a":1}');
    const raw = server.received[0]?.rawHeaders as string[];
    expect(raw[raw.indexOf('Content-Length') + 1]).toBe('7');
    expect(headerNames(raw).map((name) => name.toLowerCase())).not.toContain('transfer-encoding');
  });
});

describe('reply relay', () => {
  it('relays status, headers and body byte for byte', async () => {
    const audio = Buffer.alloc(32_000);
    for (let index = 0; index < audio.length; index += 1) audio[index] = (index * 37) % 256;

    const server = await target((_request, _body, response) => {
      response.writeHead(200, 'Fine', [['Content-Type', 'application/octet-stream'], ['X-Custom_Header', 'A'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']].flat());
      response.end(audio);
    });
    const running = await engine({ targetUrl: server.url });

    const response = await send(`${running.url}/`, { body: sampleBytes('tool-calls.json') });

    expect(response.status).toBe(200);
    expect(Buffer.compare(response.body, audio)).toBe(0);
    expect(headerNames(response.rawHeaders)).toContain('X-Custom_Header');
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(Buffer.compare(Buffer.from((await latest(running))?.responseBody as Uint8Array), audio)).toBe(0);
  });

  it('relays a gzip reply without decoding it', async () => {
    const compressed = gzipSync(Buffer.from('{"results":[]}'));
    const server = await target((_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': compressed.length });
      response.end(compressed);
    });
    const running = await engine({ targetUrl: server.url });

    const response = await send(`${running.url}/`, { body: '{}' });

    expect(response.headers['content-encoding']).toBe('gzip');
    expect(Buffer.compare(response.body, compressed)).toBe(0);
    expect(Buffer.compare(Buffer.from((await latest(running))?.responseBody as Uint8Array), compressed)).toBe(0);
  });

  it('relays a chunked reply whole', async () => {
    const server = await target((_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.write('part one, ');
      setTimeout(() => response.end('part two'), 20);
    });
    const running = await engine({ targetUrl: server.url });

    const response = await send(`${running.url}/`, { body: '{}' });

    expect(response.body.toString()).toBe('part one, part two');
    expect(Buffer.from((await latest(running))?.responseBody as Uint8Array).toString()).toBe('part one, part two');
  });

  it('relays a redirect instead of following it', async () => {
    const server = await target((_request, _body, response) => {
      response.writeHead(307, { Location: '/elsewhere', 'Content-Length': 0 });
      response.end();
    });
    const running = await engine({ targetUrl: server.url });

    const response = await send(`${running.url}/`, { body: '{}' });

    expect(response.status).toBe(307);
    expect(response.headers.location).toBe('/elsewhere');
    expect(server.received).toHaveLength(1);
    expect((await latest(running))?.outcome).toBe('forwarded');
  });

  it('relays a 4xx reply as forwarded', async () => {
    const server = await target(replyJson({ error: 'bad input' }, 422));
    const running = await engine({ targetUrl: server.url });

    const response = await send(`${running.url}/`, { body: '{}' });

    expect(response.status).toBe(422);
    expect(JSON.parse(response.body.toString())).toEqual({ error: 'bad input' });
    expect((await latest(running))?.outcome).toBe('forwarded');
  });

  it('relays a 5xx reply and records a target error', async () => {
    const server = await target(replyJson({ error: 'crash' }, 500));
    const running = await engine({ targetUrl: server.url });

    const response = await send(`${running.url}/`, { body: '{}' });

    expect(response.status).toBe(500);
    expect(JSON.parse(response.body.toString())).toEqual({ error: 'crash' });
    expect((await latest(running))?.outcome).toBe('target_error');
    expect((await latest(running))?.status).toBe(500);
  });
});
