import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallReplayProgress } from '../../../src-main/contract/replay';
import { startEngine, type RunningEngine } from '../../support/engine-fixture';
import { recordExchange, vapiEvent } from '../../support/replay-fixture';
import { startTarget, type TargetServer } from '../../support/target-server';

/** What the test target does with a request whose body contains a marker word. */
type Behaviour = 'ok' | 'fail' | 'hold';

function behaviourOf(body: Buffer): Behaviour {
  const text = body.toString();
  return text.includes('"fail"') ? 'fail' : text.includes('"hold"') ? 'hold' : 'ok';
}

describe('replaying a whole call', () => {
  let target: TargetServer;
  let running: RunningEngine;
  const heldResponses: ServerResponse[] = [];
  /** Only replays are held, so recording the call does not wait. */
  let holding = false;

  beforeEach(async () => {
    target = await startTarget((_request, body, response) => {
      const behaviour = behaviourOf(body);

      if (behaviour === 'hold' && holding) {
        heldResponses.push(response);
        return;
      }

      response.writeHead(behaviour === 'fail' ? 500 : 200, { 'Content-Type': 'application/json' });
      response.end('{}');
    });
    running = await startEngine({ targetUrl: `${target.url}/vapi/webhook` });
  });

  afterEach(async () => {
    heldResponses.splice(0);
    holding = false;
    await running.stop();
    await target.close();
  });

  async function recordCall(callId: string, markers: string[]): Promise<number[]> {
    const ids: number[] = [];

    for (const [index, marker] of markers.entries()) {
      const exchange = await recordExchange(running, vapiEvent('transcript', callId, { transcript: `${index}`, marker }));
      ids.push(exchange.id);
    }

    return ids;
  }

  /** Sets the recorded arrival times, so the spacing between events is known. */
  function setArrivals(ids: number[], offsetsMs: number[]): void {
    const update = running.db.prepare('UPDATE exchanges SET received_at = ? WHERE id = ?');

    for (const [index, id] of ids.entries()) {
      update.run(1_000_000 + (offsetsMs[index] as number), id);
    }
  }

  function sentMarkers(): string[] {
    return target.received.map((request) => (JSON.parse(request.body.toString()) as { message: { transcript: string } }).message.transcript);
  }

  it('replays events in their original order', async () => {
    const ids = await recordCall('call-order', ['ok', 'ok', 'ok', 'ok']);
    setArrivals(ids, [0, 30, 10, 20]);
    target.received.splice(0);
    const progress: CallReplayProgress[] = [];
    running.engine.on('call-replay-progress', (event) => progress.push(event));

    const run = running.engine.replayCall('call-order');
    const final = await run.done;

    expect(run.total).toBe(4);
    expect(sentMarkers()).toEqual(['0', '2', '3', '1']);
    expect(final.state).toBe('finished');
    expect(final.steps.map((step) => step.originalId)).toEqual([ids[0], ids[2], ids[3], ids[1]]);
    expect(final.steps.every((step) => !step.failed && step.status === 200)).toBe(true);
    expect(progress[0]).toMatchObject({ state: 'running', total: 4, steps: [] });
    expect(progress.at(-1)?.state).toBe('finished');

    for (const step of final.steps) {
      expect(running.engine.store.summary(step.replayId)).toMatchObject({ replayOf: step.originalId, source: 'replay' });
    }
  });

  it('leaves earlier replays out', async () => {
    const ids = await recordCall('call-again', ['ok', 'ok']);
    await running.engine.replay(ids[0] as number);

    const final = await running.engine.replayCall('call-again').done;

    expect(final.total).toBe(2);
    expect(final.steps.map((step) => step.originalId)).toEqual(ids);
  });

  it('waits for the original spacing', async () => {
    const ids = await recordCall('call-timing', ['ok', 'ok', 'ok']);
    setArrivals(ids, [0, 400, 600]);
    const progress: CallReplayProgress[] = [];
    running.engine.on('call-replay-progress', (event) => progress.push(event));

    const startedAt = Date.now();
    const final = await running.engine.replayCall('call-timing', { timing: 'original' }).done;
    const elapsedMs = Date.now() - startedAt;

    expect(final.state).toBe('finished');
    expect(elapsedMs).toBeGreaterThanOrEqual(590);
    expect(progress.some((event) => event.currentId === ids[1] && event.nextAt !== null)).toBe(true);

    const replayedAt = final.steps.map((step) => running.engine.store.summary(step.replayId)?.receivedAt as number);
    expect((replayedAt[1] as number) - (replayedAt[0] as number)).toBeGreaterThanOrEqual(390);
    expect((replayedAt[2] as number) - (replayedAt[0] as number)).toBeGreaterThanOrEqual(590);
  });

  it('sends fast runs without waiting', async () => {
    const ids = await recordCall('call-fast', ['ok', 'ok']);
    setArrivals(ids, [0, 60_000]);

    const final = await running.engine.replayCall('call-fast', { timing: 'fast' }).done;

    expect(final.state).toBe('finished');
    expect(final.steps).toHaveLength(2);
  });

  it('stops at the first failure when asked', async () => {
    await recordCall('call-stop', ['ok', 'fail', 'ok']);
    target.received.splice(0);

    const final = await running.engine.replayCall('call-stop', { stopOnFailure: true }).done;

    expect(final.state).toBe('stopped_on_failure');
    expect(final.steps).toHaveLength(2);
    expect(final.steps[1]).toMatchObject({ failed: true, status: 500, outcome: 'target_error' });
    expect(final.message).toMatch(/Stopped after exchange \d+ \(transcript\) failed/);
    expect(target.received).toHaveLength(2);
  });

  it('goes on after a failure by default', async () => {
    await recordCall('call-on', ['ok', 'fail', 'ok']);

    const final = await running.engine.replayCall('call-on').done;

    expect(final.state).toBe('finished');
    expect(final.steps.map((step) => step.failed)).toEqual([false, true, false]);
  });

  it('cancels while waiting for the spacing', async () => {
    const ids = await recordCall('call-cancel-wait', ['ok', 'ok']);
    setArrivals(ids, [0, 60_000]);
    const run = running.engine.replayCall('call-cancel-wait', { timing: 'original' });

    while (running.engine.callReplays.get(run.runId).steps.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    const final = await running.engine.callReplays.cancel(run.runId);

    expect(final.state).toBe('cancelled');
    expect(final.steps).toHaveLength(1);
    expect(final.message).toBe('Cancelled after 1 of 2 events.');
    expect(running.engine.callReplays.get(run.runId).state).toBe('cancelled');
  });

  it('cancels the event in flight', async () => {
    await recordCall('call-cancel-flight', ['ok', 'hold', 'ok']);
    target.received.splice(0);
    holding = true;
    const run = running.engine.replayCall('call-cancel-flight');

    while (heldResponses.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    const final = await running.engine.callReplays.cancel(run.runId);

    expect(final.state).toBe('cancelled');
    expect(final.steps).toHaveLength(2);
    expect(final.steps[1]?.outcome).toBe('interrupted');
    expect(running.engine.store.summary(final.steps[1]?.replayId as number)?.errorMessage).toBe('The replay was cancelled before the target answered.');
    expect(target.received).toHaveLength(2);
  });

  it('rejects a call without events', () => {
    expect(() => running.engine.replayCall('no-such-call')).toThrow(/No recorded events belong to call no-such-call/);
  });

  it('rejects an unknown run id', () => {
    expect(() => running.engine.callReplays.get('nope')).toThrow(/No call replay has id nope/);
  });
});
