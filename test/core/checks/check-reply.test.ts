import { describe, expect, it } from 'vitest';
import { CHECK_TABLE, type CheckCode } from '../../../src-main/core/checks/check-codes';
import { checkReply } from '../../../src-main/core/checks/check-reply';
import type { JsonObject } from '../../../src-main/core/vapi-event';
import { sampleBytes } from '../../support/samples';

function messageOf(name: string): JsonObject {
  return (JSON.parse(sampleBytes(name).toString('utf8')) as { message: JsonObject }).message;
}

const MESSAGES: Record<string, JsonObject> = {
  'tool-calls': messageOf('tool-calls.json'),
  'assistant-request': messageOf('assistant-request.json'),
  'transfer-destination-request': messageOf('transfer-destination-request.json'),
  'knowledge-base-request': { type: 'knowledge-base-request', call: { id: 'c' }, messages: [] },
  'status-update': messageOf('status-update.in-progress.json'),
};

const GOOD_TOOLS = JSON.parse(sampleBytes('tool-calls.response.json').toString('utf8')) as { results: JsonObject[] };
const [FIRST, SECOND] = GOOD_TOOLS.results as [JsonObject, JsonObject];
const GOOD_ASSISTANT = JSON.parse(sampleBytes('assistant-request.response.transient-assistant.json').toString('utf8')) as JsonObject;

interface Reply {
  status?: number;
  body: unknown;
  durationMs?: number;
}

interface Case {
  code: CheckCode;
  type: string;
  failing: Reply;
  passing: Reply;
}

const CASES: Case[] = [
  { code: 'reply_status', type: 'tool-calls', failing: { status: 201, body: GOOD_TOOLS }, passing: { body: GOOD_TOOLS } },
  { code: 'reply_not_json', type: 'assistant-request', failing: { body: 'not json' }, passing: { body: { assistantId: 'a' } } },
  { code: 'reply_not_object', type: 'tool-calls', failing: { body: [GOOD_TOOLS] }, passing: { body: GOOD_TOOLS } },
  { code: 'tool_results_missing', type: 'tool-calls', failing: { body: { result: 'x' } }, passing: { body: { error: 'tools are down' } } },
  { code: 'tool_result_no_id', type: 'tool-calls', failing: { body: { results: [{ ...FIRST, toolCallId: undefined }, SECOND] } }, passing: { body: GOOD_TOOLS } },
  { code: 'tool_result_unknown_id', type: 'tool-calls', failing: { body: { results: [{ ...FIRST, toolCallId: 'made-up' }, SECOND] } }, passing: { body: GOOD_TOOLS } },
  { code: 'tool_call_unanswered', type: 'tool-calls', failing: { body: { results: [FIRST] } }, passing: { body: GOOD_TOOLS } },
  { code: 'tool_result_duplicate', type: 'tool-calls', failing: { body: { results: [FIRST, SECOND, FIRST] } }, passing: { body: GOOD_TOOLS } },
  { code: 'tool_result_no_name', type: 'tool-calls', failing: { body: { results: [{ ...FIRST, name: undefined }, SECOND] } }, passing: { body: GOOD_TOOLS } },
  { code: 'tool_result_no_value', type: 'tool-calls', failing: { body: { results: [{ ...FIRST, result: undefined }, SECOND] } }, passing: { body: { results: [{ ...FIRST, result: undefined, error: 'failed' }, SECOND] } } },
  { code: 'tool_result_not_string', type: 'tool-calls', failing: { body: { results: [{ ...FIRST, result: { slots: [] } }, SECOND] } }, passing: { body: GOOD_TOOLS } },
  { code: 'tool_result_multiline', type: 'tool-calls', failing: { body: { results: [{ ...FIRST, result: 'one\ntwo' }, SECOND] } }, passing: { body: GOOD_TOOLS } },
  { code: 'assistant_reply_unknown', type: 'assistant-request', failing: { body: { assistantID: 'typo' } }, passing: { body: { assistantId: 'a' } } },
  { code: 'reply_field_not_string', type: 'assistant-request', failing: { body: { assistantId: 42 } }, passing: { body: { assistantId: '42' } } },
  { code: 'reply_field_not_object', type: 'assistant-request', failing: { body: { assistantId: 'a', assistantOverrides: 'x' } }, passing: { body: { assistantId: 'a', assistantOverrides: {} } } },
  { code: 'assistant_incomplete', type: 'assistant-request', failing: { body: { assistant: { model: { provider: 'openai' }, voice: { provider: 'vapi' } } } }, passing: { body: GOOD_ASSISTANT } },
  { code: 'squad_incomplete', type: 'assistant-request', failing: { body: { squad: { members: [] } } }, passing: { body: { squad: { members: [{ assistantId: 'a' }] } } } },
  { code: 'destination_invalid', type: 'assistant-request', failing: { body: { destination: { type: 'assistant', assistantName: 'x' } } }, passing: { body: { destination: { type: 'number', number: '+15555550177' } } } },
  { code: 'transfer_reply_empty', type: 'transfer-destination-request', failing: { body: { message: 'hi' } }, passing: { body: { error: 'closed' } } },
  { code: 'knowledge_reply_invalid', type: 'knowledge-base-request', failing: { body: { documents: [{ content: 'x' }] } }, passing: { body: { documents: [{ content: 'x', similarity: 0.8 }] } } },
  { code: 'reply_slow', type: 'assistant-request', failing: { body: { assistantId: 'a' }, durationMs: 6_500 }, passing: { body: { assistantId: 'a' }, durationMs: 5_900 } },
  { code: 'reply_too_slow', type: 'status-update', failing: { body: {}, durationMs: 20_500 }, passing: { body: {}, durationMs: 900 } },
];

function codesFor(type: string, reply: Reply): string[] {
  const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  return checkReply({ type, message: MESSAGES[type], status: reply.status ?? 200, body: Buffer.from(body), truncated: false, durationMs: reply.durationMs ?? 5 }).map((check) => check.code);
}

describe('checkReply', () => {
  it('covers every check code', () => {
    expect(CASES.map((entry) => entry.code).sort()).toEqual(Object.keys(CHECK_TABLE).sort());
  });

  for (const entry of CASES) {
    it(`${entry.code} flags the failing reply`, () => {
      expect(codesFor(entry.type, entry.failing)).toContain(entry.code);
    });

    it(`${entry.code} passes the good reply`, () => {
      expect(codesFor(entry.type, entry.passing)).toEqual([]);
    });
  }

  it('passes every sample reply', () => {
    const samples: [string, string][] = [
      ['tool-calls', 'tool-calls.response.json'],
      ['tool-calls', 'tool-calls.response.with-error-and-message.json'],
      ['assistant-request', 'assistant-request.response.json'],
      ['assistant-request', 'assistant-request.response.reject.json'],
      ['assistant-request', 'assistant-request.response.transfer-only.json'],
      ['assistant-request', 'assistant-request.response.transient-assistant.json'],
      ['transfer-destination-request', 'transfer-destination-request.response.json'],
      ['transfer-destination-request', 'transfer-destination-request.response.reject.json'],
    ];

    for (const [type, name] of samples) {
      expect(codesFor(type, { body: JSON.parse(sampleBytes(name).toString('utf8')) })).toEqual([]);
    }
  });

  it('reply_too_slow fails assistant-request past 7.5 s', () => {
    expect(codesFor('assistant-request', { body: { assistantId: 'a' }, durationMs: 7_600 })).toEqual(['reply_too_slow']);
  });

  it('deadline follows the request timeoutSeconds', () => {
    const message = { ...MESSAGES['status-update'], assistant: { server: { timeoutSeconds: 5 } } };
    const checks = checkReply({ type: 'status-update', message, status: 200, body: Buffer.from('{}'), truncated: false, durationMs: 5_100 });

    expect(checks.map((check) => check.code)).toEqual(['reply_too_slow']);
    expect(checks[0]?.message).toContain("the assistant's server.timeoutSeconds");
  });

  it('unknown id message shows both ids', () => {
    const [check] = checkReply({ type: 'tool-calls', message: MESSAGES['tool-calls'], status: 200, body: Buffer.from(JSON.stringify({ results: [{ ...FIRST, toolCallId: 'made-up' }, SECOND] })), truncated: false, durationMs: 1 });

    expect(check?.message).toContain('"made-up"');
    expect(check?.message).toContain('"call_Q7mZr2pXc9LkT4vB1nWs8dHe"');
    expect(check?.pointer).toBe('/results/0/toolCallId');
    expect(check?.severity).toBe('failure');
  });

  it('async tool needs no result', () => {
    const message = structuredClone(MESSAGES['tool-calls']) as { toolWithToolCallList: { async?: boolean }[] };
    message.toolWithToolCallList.forEach((item) => (item.async = true));

    const checks = checkReply({ type: 'tool-calls', message: message as unknown as JsonObject, status: 200, body: Buffer.from('{"results": []}'), truncated: false, durationMs: 1 });

    expect(checks).toEqual([]);
  });

  it('skips body checks of a truncated reply', () => {
    expect(checkReply({ type: 'tool-calls', message: MESSAGES['tool-calls'], status: 200, body: Buffer.from('{"res'), truncated: true, durationMs: 1 })).toEqual([]);
  });

  it('ignores informational reply bodies', () => {
    expect(codesFor('status-update', { status: 404, body: 'not json' })).toEqual([]);
  });

  it('ignores requests that are not Vapi events', () => {
    expect(checkReply({ type: null, message: undefined, status: 500, body: Buffer.from('x'), truncated: false, durationMs: 60_000 })).toEqual([]);
  });
});
