import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationItem, ToolCallView } from '../../src-main/contract/inspector';
import { buildCallTimeline, concernsToolCall } from '../../src-main/core/call-timeline';
import { startEngine, type RunningEngine } from '../support/engine-fixture';
import { send } from '../support/http-client';
import { sampleBytes } from '../support/samples';
import { startTarget, type TargetServer } from '../support/target-server';

const CALL_ID = '7d2e4f1a-93b6-4c85-a0de-5b1f6c8e2a47';

/** Every tool call of a conversation, in order. */
function toolCallsIn(conversation: readonly ConversationItem[] | undefined): ToolCallView[] {
  return (conversation ?? []).flatMap((item) => (item.kind === 'tool-calls' ? item.toolCalls : []));
}

/** Starts a target that replies to tool calls with the sample reply and everything else with `{}`. */
function sampleReplies(): Promise<TargetServer> {
  return startTarget((_request, body, response) => {
    const type = body.toString().includes('"type":"tool-calls"') || body.toString().includes('"type": "tool-calls"') ? 'tool-calls' : 'other';
    const reply = type === 'tool-calls' ? sampleBytes('tool-calls.response.json') : Buffer.from('{}');
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(reply);
  });
}

describe('call timeline', () => {
  let target: TargetServer;
  let running: RunningEngine;

  beforeEach(async () => {
    target = await sampleReplies();
    running = await startEngine({ targetUrl: target.url });
  });

  afterEach(async () => {
    await running.stop();
    await target.close();
  });

  async function sendSamples(names: string[]): Promise<void> {
    for (const name of names) {
      await send(`${running.url}/vapi/webhook`, { body: sampleBytes(name) });
    }

    await running.engine.recorded();
  }

  it('lists events in arrival order with headlines', async () => {
    await sendSamples(['status-update.in-progress.json', 'transcript.partial.json', 'transcript.final.json', 'tool-calls.json', 'status-update.ended.json']);

    const timeline = buildCallTimeline(running.engine.store, CALL_ID);

    expect(timeline?.events.map((event) => event.exchange.type)).toEqual(['status-update', 'transcript', 'transcript', 'tool-calls', 'status-update']);
    expect(timeline?.events[0]?.headline).toBe('in-progress');
    expect(timeline?.events[1]?.headline).toBe('user (partial): Hi, do you have a table for four');
    expect(timeline?.events[3]?.headline).toBe('check_availability, lookup_customer');
    expect(timeline?.events[4]?.headline).toBe('ended (customer-ended-call)');
    expect(timeline?.events[0]?.offsetMs).toBe(0);
  });

  it('builds the conversation from final transcripts', async () => {
    await sendSamples(['transcript.partial.json', 'transcript.final.json', 'transcript.final-only-subscription.assistant.json']);

    const timeline = buildCallTimeline(running.engine.store, CALL_ID);
    const messages = timeline?.conversation.filter((item) => item.kind === 'message');

    expect(timeline?.conversationSource).toBe('transcript');
    expect(messages?.map((item) => item.role)).toEqual(['caller', 'assistant']);
    expect(messages?.[0]?.text).toBe('Hi, do you have a table for four next Tuesday evening?');
  });

  it('joins tool calls with the returned results', async () => {
    await sendSamples(['transcript.final.json', 'tool-calls.json']);

    const timeline = buildCallTimeline(running.engine.store, CALL_ID);
    const calls = toolCallsIn(timeline?.conversation);

    expect(calls.map((call) => call.name)).toEqual(['check_availability', 'lookup_customer']);
    expect(calls[0]?.arguments).toEqual({ date: '2026-01-20', partySize: 4 });
    expect(calls[0]?.result).toBe('Open slots on 2026-01-20 for 4: 18:00, 19:30, 20:45');
    expect(calls[0]?.outcome).toBe('forwarded');
    expect(calls[0]?.exchangeId).toBeGreaterThan(0);
  });

  it('prefers the report conversation and reads the report', async () => {
    await sendSamples(['conversation-update.json', 'tool-calls.json', 'end-of-call-report.json']);

    const timeline = buildCallTimeline(running.engine.store, CALL_ID);
    const report = timeline?.report;

    expect(timeline?.conversationSource).toBe('end-of-call-report');
    expect(timeline?.conversation[0]).toMatchObject({ kind: 'message', role: 'system' });
    expect(toolCallsIn(timeline?.conversation)[0]?.exchangeId).toBeGreaterThan(0);
    expect(report?.endedReason).toBe('customer-ended-call');
    expect(report?.summary).toContain('booked a table for four');
    expect(report?.structuredData).toEqual({ booked: true, date: '2026-01-20', time: '19:30', partySize: 4 });
    expect(report?.cost).toBe(0.1077);
    expect(report?.durationSeconds).toBeCloseTo(94.62);
    expect(report?.costBreakdown.map((item) => item.component)).toEqual(['stt', 'llm', 'tts', 'transport', 'vapi', 'chat', 'analysis']);
  });

  it('uses conversation-update before the report arrives', async () => {
    await sendSamples(['conversation-update.json']);

    const timeline = buildCallTimeline(running.engine.store, CALL_ID);
    const calls = toolCallsIn(timeline?.conversation);

    expect(timeline?.conversationSource).toBe('conversation-update');
    expect(timeline?.report).toBeNull();
    expect(calls[1]?.result).toBe('Found customer: Sam Example, 3 prior visits');
    expect(calls[1]?.exchangeId).toBeNull();
  });

  it('reads the legacy report fields', async () => {
    await sendSamples(['end-of-call-report.with-legacy-top-level-fields.json']);

    const report = buildCallTimeline(running.engine.store, CALL_ID)?.report;

    expect(report?.summary).not.toBeNull();
    expect(report?.costBreakdown.length).toBeGreaterThan(0);
  });

  it('returns undefined for an unknown call', () => {
    expect(buildCallTimeline(running.engine.store, 'no-such-call')).toBeUndefined();
  });

  it('survives a body SQLite cannot parse', async () => {
    // JSON.parse accepts any depth, while SQLite's JSON functions stop at 1000 levels.
    const deep = `${'['.repeat(1_100)}${']'.repeat(1_100)}`;
    const body = `{"message":{"type":"hang","call":{"id":"${CALL_ID}"},"deep":${deep}}}`;
    await sendSamples(['status-update.in-progress.json']);
    await send(`${running.url}/vapi/webhook`, { body });
    await running.engine.recorded();

    const events = buildCallTimeline(running.engine.store, CALL_ID)?.events;

    expect(events).toHaveLength(2);
    expect(events?.[1]?.headline).toBeNull();
  });
});

describe('tool call warnings', () => {
  const results = [{ toolCallId: 'call_a', result: 'ok' }, { toolCallId: 'call_x', result: 'stray' }];
  const callIds = ['call_a', 'call_b'];

  it.each([
    ['a result pointer', { code: 'tool_result_not_string', message: 'results[0].result is not a string.', pointer: '/results/0/result' }, [true, false]],
    ['a named call id', { code: 'tool_call_unanswered', message: 'Tool call "call_b" (book) has no entry in "results".' }, [false, true]],
    ['the whole reply', { code: 'reply_not_json', message: 'The reply is not JSON.' }, [true, true]],
    ['a result for an unknown id', { code: 'tool_result_unknown_id', message: 'results[1].toolCallId is "call_x".', pointer: '/results/1/toolCallId' }, [true, true]],
  ])('places %s', (_case, check, expected) => {
    expect(callIds.map((callId) => concernsToolCall(check, callId, results, callIds))).toEqual(expected);
  });
});
