import { afterEach, describe, expect, it } from 'vitest';
import type { MockRule } from '../../../src-main/contract/mocks';
import { startEngine, type RunningEngine } from '../../support/engine-fixture';
import { send } from '../../support/http-client';
import { sampleBytes } from '../../support/samples';
import { replyJson, startTarget, type TargetServer } from '../../support/target-server';

const TOOL_CALLS = sampleBytes('tool-calls.json');
const ASSISTANT_REQUEST = sampleBytes('assistant-request.json');
const STATUS_UPDATE = sampleBytes('status-update.in-progress.json');

function toolCallsWith(calls: { id: string; name: string; arguments: unknown }[], callId = 'call-1'): string {
  return JSON.stringify({
    message: {
      type: 'tool-calls',
      call: { id: callId },
      customer: { number: '+15555550123' },
      toolCallList: calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
    },
  });
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

  async function start(rules: MockRule[], targetUrl: string | null = null): Promise<RunningEngine> {
    running = await startEngine({ targetUrl });
    running.engine.mockRules.importRules(rules, { replace: true });
    return running;
  }

  function lastExchange() {
    return running?.engine.store.list()[0];
  }

  it('always rule answers tool call without forwarding', async () => {
    target = await startTarget(replyJson({ results: [] }));
    await start(
      [{ name: 'availability stub', match: { type: 'tool-calls', tool: 'check_availability' }, mode: 'always', result: 'A table for {{arguments.partySize}} is free on {{arguments.date}}.' }],
      target.url,
    );

    const response = await send(running!.url, { body: toolCallsWith([{ id: 'tc-1', name: 'check_availability', arguments: { date: '2026-01-20', partySize: 4 } }]) });

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({
      results: [{ name: 'check_availability', toolCallId: 'tc-1', result: 'A table for 4 is free on 2026-01-20.' }],
    });
    expect(target.received).toHaveLength(0);
    expect(lastExchange()?.outcome).toBe('mocked');
    expect(lastExchange()?.mockRule).toBe('availability stub');
    expect(lastExchange()?.checks).toEqual([]);
  });
});
