import { describe, expect, it } from 'vitest';
import type { PushEvent } from '../../../src-main/contract/api';
import { EMPTY_MARK, markLoaded, watchHistory } from '../../../src-renderer/src/state/history-watch';
import { summary } from '../../support/exchange-summary';

const runtime = { receiveUrl: 'http://127.0.0.1:4242', targetUrl: null, databasePath: '/tmp/x.db', databaseSizeBytes: 1, exchangeCount: 10, inspectorUrl: null, version: '1' };

function started(id: number, receivedAt = 1_700_000_000_000 + id): PushEvent {
  return { kind: 'exchange-started', exchange: summary(id, { receivedAt }) };
}

describe('history watch', () => {
  it('accepts rising ids', () => {
    const first = watchHistory(EMPTY_MARK, [started(1), started(2)]);
    const second = watchHistory(first.mark, [started(3)]);

    expect(first.deletion).toBeNull();
    expect(second.deletion).toBeNull();
    expect(second.mark.newestId).toBe(3);
  });

  it('detects ids starting over', () => {
    const loaded = markLoaded(EMPTY_MARK, summary(20));
    const result = watchHistory(loaded, [started(1, 1_800_000_000_000)]);

    expect(result.deletion).toBe('restarted');
    expect(result.mark.newestId).toBeNull();
  });

  it('detects a repeated id', () => {
    expect(watchHistory(markLoaded(EMPTY_MARK, summary(5)), [started(5, 1_800_000_000_000)]).deletion).toBe('restarted');
  });

  it('ignores pushes for rows already loaded', () => {
    const loaded = markLoaded(EMPTY_MARK, summary(3));

    expect(watchHistory(loaded, [started(1), started(2), started(3)]).deletion).toBeNull();
  });

  it('reads pushed prunes and clears', () => {
    const pruned = watchHistory(EMPTY_MARK, [{ kind: 'history-pruned', report: { reason: 'age', exchanges: 3, calls: 1 } }]);
    const cleared = watchHistory(EMPTY_MARK, [{ kind: 'history-pruned', report: { reason: 'clear', exchanges: 3, calls: 1 } }]);

    expect(pruned.deletion).toBe('pruned');
    expect(cleared.deletion).toBe('restarted');
  });

  it('detects a falling runtime count', () => {
    const first = watchHistory(EMPTY_MARK, [{ kind: 'runtime', runtime }]);
    const same = watchHistory(first.mark, [{ kind: 'runtime', runtime: { ...runtime, exchangeCount: 12 } }]);
    const fallen = watchHistory(same.mark, [{ kind: 'runtime', runtime: { ...runtime, exchangeCount: 0 } }]);

    expect(first.deletion).toBeNull();
    expect(same.deletion).toBeNull();
    expect(fallen.deletion).toBe('pruned');
  });

  it('keeps the highest loaded id', () => {
    expect(markLoaded(markLoaded(EMPTY_MARK, summary(9)), summary(4)).newestId).toBe(9);
    expect(markLoaded(EMPTY_MARK, undefined)).toBe(EMPTY_MARK);
  });
});
