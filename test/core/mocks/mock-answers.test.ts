import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExchangeSummary } from '../../../src-main/contract/exchange';
import type { MockRule } from '../../../src-main/contract/mocks';
import { formatExchangeLine } from '../../../src-main/cli/exchange-line';
import { MockRuleStore } from '../../../src-main/recorder/mock-rule-store';
import { openDatabase } from '../../../src-main/recorder/open-database';
import { startEngine, type RunningEngine } from '../../support/engine-fixture';
import { send, sendRaw } from '../../support/http-client';
import { sampleBytes } from '../../support/samples';
import { replyJson, startTarget, type TargetHandler, type TargetServer } from '../../support/target-server';

const ASSISTANT_REQUEST = sampleBytes('assistant-request.json');

function toolCallsWith(calls: { id: string; name: string; arguments?: unknown }[], callId = 'call-1'): string {
  return JSON.stringify({
    message: {
      type: 'tool-calls',
      call: { id: callId },
      customer: { number: '+15555550123' },
      phoneNumber: { number: '+15555550100' },
      assistant: { id: 'asst-1', name: 'Host' },
      toolCallList: calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments ?? {} } })),
    },
  });
}

const availability: MockRule = {
  name: 'availability stub',
  match: { type: 'tool-calls', tool: 'check_availability' },
  mode: 'always',
  result: 'A table for {{arguments.partySize}} is free on {{arguments.date}}.',
};

function json(body: Buffer): unknown {
  return JSON.parse(body.toString('utf8'));
}

describe('mock rules answering requests', () => {
  let running: RunningEngine | undefined;
  let target: TargetServer | undefined;

  afterEach(async () => {
    await running?.stop();
    await target?.close();
    running = undefined;
    target = undefined;
  });

  async function start(rules: MockRule[], handler: TargetHandler | null = replyJson({ results: [] })): Promise<string> {
    target = handler === null ? undefined : await startTarget(handler);
    running = await startEngine({ targetUrl: target === undefined ? null : target.url });
    running.engine.mockRules.importRules(rules, { replace: true });
    return running.url;
  }

  /** The newest exchange once its result is recorded; results are written just after the reply is sent. */
  async function lastExchange() {
    await running?.engine.recorded();
    return running?.engine.store.list()[0];
  }

  it('always rule answers without forwarding', async () => {
    const url = await start([availability]);

    const response = await send(url, { body: toolCallsWith([{ id: 'tc-1', name: 'check_availability', arguments: { date: '2026-01-20', partySize: 4 } }]) });

    expect(response.status).toBe(200);
    expect(json(response.body)).toEqual({ results: [{ name: 'check_availability', toolCallId: 'tc-1', result: 'A table for 4 is free on 2026-01-20.' }] });
    expect(target?.received).toHaveLength(0);
    expect((await lastExchange())?.outcome).toBe('mocked');
    expect((await lastExchange())?.mockRule).toBe('availability stub');
    expect((await lastExchange())?.checks).toEqual([]);
  });

  it('first matching rule wins', async () => {
    const url = await start([
      { ...availability, name: 'first', result: 'one' },
      { ...availability, name: 'second', result: 'two' },
    ]);

    const response = await send(url, { body: toolCallsWith([{ id: 'tc-1', name: 'check_availability' }]) });

    expect(json(response.body)).toEqual({ results: [{ name: 'check_availability', toolCallId: 'tc-1', result: 'one' }] });
    expect((await lastExchange())?.mockRule).toBe('first');
  });

  it('off rule is skipped', async () => {
    const url = await start([
      { ...availability, name: 'switched off', mode: 'off', result: 'off' },
      { ...availability, name: 'on', result: 'on' },
    ]);

    const response = await send(url, { body: toolCallsWith([{ id: 'tc-1', name: 'check_availability' }]) });

    expect(json(response.body)).toEqual({ results: [{ name: 'check_availability', toolCallId: 'tc-1', result: 'on' }] });
  });

  it('rule matches on numbers, assistant, path and body', async () => {
    const url = await start([
      {
        name: 'narrow',
        match: {
          type: 'tool-calls',
          customerNumber: '+15555550123',
          phoneNumber: '+15555550100',
          assistant: 'Host',
          path: '/vapi/*',
          when: [
            { pointer: '/message/call/id', equals: 'call-1' },
            { pointer: '/message/customer/number', contains: '555' },
            { pointer: '/message/assistant/id', exists: true },
            { pointer: '/message/missing', exists: false },
          ],
        },
        mode: 'always',
        result: 'narrow',
      },
    ]);
    const body = toolCallsWith([{ id: 'tc-1', name: 'anything' }]);

    const matched = await send(`${url}/vapi/tools`, { body });
    const otherPath = await send(`${url}/elsewhere`, { body });
    const otherCall = await send(`${url}/vapi/tools`, { body: toolCallsWith([{ id: 'tc-1', name: 'anything' }], 'call-2') });

    expect(json(matched.body)).toEqual({ results: [{ name: 'anything', toolCallId: 'tc-1', result: 'narrow' }] });
    expect(json(otherPath.body)).toEqual({ results: [] });
    expect(json(otherCall.body)).toEqual({ results: [] });
    expect(target?.received).toHaveLength(2);
  });

  it('assistant match reads the assistant id', async () => {
    const url = await start([{ name: 'by id', match: { type: 'tool-calls', assistant: 'asst-1' }, mode: 'always', result: 'by id' }]);

    const response = await send(url, { body: toolCallsWith([{ id: 'tc-1', name: 'x' }]) });

    expect((await lastExchange())?.mockRule).toBe('by id');
    expect(response.status).toBe(200);
  });

  it('example assistant rule falls back when target is down', async () => {
    const url = await start([{ name: 'inbound assistant', match: { type: 'assistant-request' }, mode: 'fallback', response: { status: 200, body: { assistantId: 'asst-demo-001' } } }], null);

    const response = await send(url, { body: ASSISTANT_REQUEST });

    expect(response.status).toBe(200);
    expect(json(response.body)).toEqual({ assistantId: 'asst-demo-001' });
    expect((await lastExchange())?.outcome).toBe('mocked');
    expect((await lastExchange())?.mockRule).toBe('inbound assistant');
    expect((await lastExchange())?.errorCode).toBe('no_target');
  });

  it('fallback rule relays a working target unchanged', async () => {
    const url = await start([{ name: 'fallback', match: { type: 'assistant-request' }, mode: 'fallback', response: { body: { assistantId: 'mock' } } }], replyJson({ assistantId: 'real' }));

    const response = await send(url, { body: ASSISTANT_REQUEST });

    expect(json(response.body)).toEqual({ assistantId: 'real' });
    expect((await lastExchange())?.outcome).toBe('forwarded');
    expect((await lastExchange())?.mockRule).toBeNull();
    expect(target?.received).toHaveLength(1);
  });

  it('fallback rule answers a 5xx target', async () => {
    const url = await start([{ name: 'fallback', match: { type: 'assistant-request' }, mode: 'fallback', response: { body: { assistantId: 'mock' } } }], replyJson({ oops: true }, 503));

    const response = await send(url, { body: ASSISTANT_REQUEST });

    expect(response.status).toBe(200);
    expect(json(response.body)).toEqual({ assistantId: 'mock' });
    expect((await lastExchange())?.outcome).toBe('mocked');
    expect((await lastExchange())?.errorCode).toBe('target_error');
    expect((await lastExchange())?.errorMessage).toContain('503');
  });

  it('fallback answers a hanging target inside the assistant-request budget', async () => {
    const url = await start([{ name: 'hang guard', match: { type: 'assistant-request' }, mode: 'fallback', response: { body: { assistantId: 'mock' } } }], () => undefined);
    await running?.engine.updateSettings({ timeoutMsByType: { 'assistant-request': 30_000 } });
    const startedAt = performance.now();

    const response = await send(url, { body: ASSISTANT_REQUEST });
    const elapsedMs = performance.now() - startedAt;

    expect(json(response.body)).toEqual({ assistantId: 'mock' });
    expect(elapsedMs).toBeLessThan(7_500);
    expect(elapsedMs).toBeGreaterThanOrEqual(6_000);
    expect((await lastExchange())?.outcome).toBe('mocked');
    expect((await lastExchange())?.errorCode).toBe('target_timeout');
    expect((await lastExchange())?.checks.map((check) => check.code)).toEqual(['reply_slow']);
  }, 15_000);

  it('fallback answers when stopped mid-forward', async () => {
    const url = await start([{ name: 'stop guard', match: { type: 'assistant-request' }, mode: 'fallback', response: { body: { assistantId: 'mock' } } }], () => undefined);
    const reply = send(url, { body: ASSISTANT_REQUEST });
    await new Promise((resolve) => setTimeout(resolve, 100));

    await running?.engine.stop(100);
    const response = await reply;

    expect(response.status).toBe(200);
    expect(json(response.body)).toEqual({ assistantId: 'mock' });
  });

  it('fallback records a caller that left', async () => {
    const url = await start([{ name: 'left guard', match: { type: 'assistant-request' }, mode: 'fallback', response: { body: { assistantId: 'mock' } } }], () => undefined);
    const body = ASSISTANT_REQUEST.toString('utf8');

    await sendRaw(Number(new URL(url).port), `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, 300);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect((await lastExchange())?.outcome).toBe('interrupted');
  });

  it('merges mocked and target tool results in request order', async () => {
    const url = await start([availability], replyJson({ results: [{ name: 'lookup_customer', toolCallId: 'tc-2', result: 'from target' }, { name: 'check_availability', toolCallId: 'tc-1', result: 'stale' }] }));
    const body = toolCallsWith([
      { id: 'tc-1', name: 'check_availability', arguments: { date: 'today', partySize: 2 } },
      { id: 'tc-2', name: 'lookup_customer' },
    ]);

    const response = await send(url, { body });

    expect(json(response.body)).toEqual({
      results: [
        { name: 'check_availability', toolCallId: 'tc-1', result: 'A table for 2 is free on today.' },
        { name: 'lookup_customer', toolCallId: 'tc-2', result: 'from target' },
      ],
    });
    expect(Buffer.compare(target?.received[0]?.body as Buffer, Buffer.from(body))).toBe(0);
    expect((await lastExchange())?.outcome).toBe('mocked');
    expect((await lastExchange())?.checks).toEqual([]);
  });

  it('unmocked tool gets an error when target fails', async () => {
    const url = await start([{ ...availability, mode: 'fallback' }], null);

    const response = await send(url, { body: toolCallsWith([{ id: 'tc-1', name: 'check_availability' }, { id: 'tc-2', name: 'lookup_customer' }]) });
    const results = (json(response.body) as { results: Record<string, string>[] }).results;

    expect(results[0]).toEqual({ name: 'check_availability', toolCallId: 'tc-1', result: 'A table for  is free on .' });
    expect(results[1]?.toolCallId).toBe('tc-2');
    expect(results[1]?.error).toContain('No target is set');
  });

  it('always rule records the failed target of unmocked tools', async () => {
    const url = await start([availability], replyJson({ oops: true }, 500));

    const response = await send(url, { body: toolCallsWith([{ id: 'tc-1', name: 'check_availability' }, { id: 'tc-2', name: 'broken_tool' }]) });
    const results = (json(response.body) as { results: Record<string, string>[] }).results;
    const exchange = await lastExchange();

    expect(results[0]?.result).toBe('A table for  is free on .');
    expect(results[1]?.error).toContain('answered 500');
    expect(exchange?.outcome).toBe('mocked');
    expect(exchange?.errorCode).toBe('target_error');
    expect(exchange?.errorMessage).toContain('answered 500');
    expect(exchange?.errorMessage).toContain('The unmocked tool broken_tool got an error entry; mock rule "availability stub" answered the others.');
    expect(formatExchangeLine(exchange as ExchangeSummary)).toContain('The unmocked tool broken_tool got an error entry');
  });

  it('fallback tool rule leaves a working target alone', async () => {
    const url = await start([{ ...availability, mode: 'fallback' }], replyJson({ results: [{ name: 'check_availability', toolCallId: 'tc-1', result: 'real' }] }));

    const response = await send(url, { body: toolCallsWith([{ id: 'tc-1', name: 'check_availability' }]) });

    expect(json(response.body)).toEqual({ results: [{ name: 'check_availability', toolCallId: 'tc-1', result: 'real' }] });
    expect((await lastExchange())?.outcome).toBe('forwarded');
  });

  it('sequence repeats its last answer', async () => {
    const url = await start([{ name: 'seq', match: { type: 'tool-calls' }, mode: 'always', sequence: [{ result: 'first' }, { result: 'second' }] }]);
    const results: unknown[] = [];

    for (const callId of ['call-a', 'call-a', 'call-a', 'call-b']) {
      const response = await send(url, { body: toolCallsWith([{ id: 'tc', name: 'x' }], callId) });
      results.push((json(response.body) as { results: { result: string }[] }).results[0]?.result);
    }

    expect(results).toEqual(['first', 'second', 'second', 'first']);
  });

  it('sequence can restart', async () => {
    const url = await start([{ name: 'seq', match: { type: 'tool-calls' }, mode: 'always', sequence: [{ result: 'first' }, { result: 'second' }], sequenceEnd: 'restart' }]);
    const results: unknown[] = [];

    for (let turn = 0; turn < 3; turn += 1) {
      const response = await send(url, { body: toolCallsWith([{ id: 'tc', name: 'x' }]) });
      results.push((json(response.body) as { results: { result: string }[] }).results[0]?.result);
    }

    expect(results).toEqual(['first', 'second', 'first']);
  });

  it('multi-byte body has a byte Content-Length', async () => {
    const text = 'Café ☕ for {{customer.number}} 🎉 naïve';
    const url = await start([{ name: 'unicode', match: { type: 'assistant-request' }, mode: 'always', response: { body: { error: text } } }]);

    const response = await send(url, { body: ASSISTANT_REQUEST });

    const expected = Buffer.from(JSON.stringify({ error: 'Café ☕ for +15555550123 🎉 naïve' }), 'utf8');
    expect(response.headers['content-length']).toBe(String(expected.byteLength));
    expect(Buffer.compare(response.body, expected)).toBe(0);
    expect((await lastExchange())?.responseSize).toBe(expected.byteLength);
  });

  it('text body keeps its own content type', async () => {
    const url = await start([{ name: 'text', match: { type: 'assistant-request' }, mode: 'always', response: { status: 418, headers: { 'Content-Type': 'text/x-test', 'Content-Length': '1' }, body: 'héllo {{call.id}}' } }]);

    const response = await send(url, { body: ASSISTANT_REQUEST });

    expect(response.status).toBe(418);
    expect(response.headers['content-type']).toBe('text/x-test');
    expect(response.body.toString('utf8')).toBe('héllo 7d2e4f1a-93b6-4c85-a0de-5b1f6c8e2a47');
    expect(response.headers['content-length']).toBe(String(response.body.byteLength));
  });

  it('delay holds the answer back', async () => {
    const url = await start([{ ...availability, delayMs: 300 }]);
    const startedAt = performance.now();

    await send(url, { body: toolCallsWith([{ id: 'tc-1', name: 'check_availability' }]) });

    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(290);
  });

  it('whole tool-calls response replaces the reply', async () => {
    const url = await start([{ name: 'broken', match: { type: 'tool-calls', tool: 'x' }, mode: 'always', response: { body: { results: [{ toolCallId: 'made-up', result: 'a\nb' }] } } }]);

    await send(url, { body: toolCallsWith([{ id: 'tc-1', name: 'x' }]) });

    expect((await lastExchange())?.mockRule).toBe('broken');
    expect((await lastExchange())?.checks.map((check) => check.code)).toEqual(['tool_result_unknown_id', 'tool_result_no_name', 'tool_result_multiline', 'tool_call_unanswered']);
  });

  it('non-matching request is forwarded', async () => {
    const url = await start([availability]);

    const response = await send(url, { body: toolCallsWith([{ id: 'tc-1', name: 'lookup_customer' }]) });

    expect(json(response.body)).toEqual({ results: [] });
    expect((await lastExchange())?.outcome).toBe('forwarded');
    expect((await lastExchange())?.checks.map((check) => check.code)).toEqual(['tool_call_unanswered']);
  });

  it('rule change applies to the next request', async () => {
    const url = await start([availability]);
    const body = toolCallsWith([{ id: 'tc-1', name: 'check_availability' }]);
    await send(url, { body });
    expect((await lastExchange())?.outcome).toBe('mocked');

    const [record] = running?.engine.mockRules.list() ?? [];
    running?.engine.mockRules.setEnabled(record?.id as number, false);
    await send(url, { body });

    expect((await lastExchange())?.outcome).toBe('forwarded');
  });

  it('rule written by another connection applies within a moment', async () => {
    const url = await start([]);
    const body = toolCallsWith([{ id: 'tc-1', name: 'check_availability' }]);
    await send(url, { body });
    expect((await lastExchange())?.outcome).toBe('forwarded');

    const other = openDatabase(running?.dbPath as string);
    new MockRuleStore(other).create(availability);
    other.close();
    const deadline = performance.now() + 2_000;
    let outcome: string | undefined;

    while (outcome !== 'mocked' && performance.now() < deadline) {
      await send(url, { body });
      outcome = (await lastExchange())?.outcome;
    }

    expect(outcome).toBe('mocked');
  });
});
