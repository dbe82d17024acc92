import { afterEach, describe, expect, it } from 'vitest';
import type { PruneReport } from '../../src-main/contract/history';
import { recordExchanges } from '../recorder/retention/record-exchanges';
import { startEngine, type RunningEngine } from '../support/engine-fixture';

describe('engine retention', () => {
  let running: RunningEngine | null = null;

  afterEach(async () => {
    await running?.stop();
    running = null;
  });

  it('prunes after a limit is set', async () => {
    running = await startEngine();
    const engine = running.engine;
    const now = Date.now();
    recordExchanges(running.db, [
      { callId: 'first', receivedAt: now - 3_000 },
      { callId: 'second', receivedAt: now - 2_000 },
      { callId: 'third', receivedAt: now - 1_000 },
    ]);
    const pruned = new Promise<PruneReport>((resolve) => engine.once('history-pruned', resolve));

    await engine.updateSettings({ keepCalls: 1 });

    expect(await pruned).toEqual({ reason: 'calls', exchanges: 2, calls: 2 });
    expect(engine.store.listCalls().map((call) => call.callId)).toEqual(['third']);
  });

  it('is off by default', async () => {
    running = await startEngine();

    expect(running.engine.settings.keepCalls).toBeNull();
    expect(running.engine.settings.keepDays).toBeNull();
    expect(running.engine.settings.keepMegabytes).toBeNull();
  });

  it('clearHistory reports what went', async () => {
    running = await startEngine();
    recordExchanges(running.db, [{ callId: 'a', receivedAt: Date.now() }]);
    const reports: PruneReport[] = [];
    running.engine.on('history-pruned', (report) => reports.push(report));

    expect(await running.engine.clearHistory()).toEqual({ reason: 'clear', exchanges: 1, calls: 1 });
    expect(reports).toEqual([{ reason: 'clear', exchanges: 1, calls: 1 }]);
  });
});
