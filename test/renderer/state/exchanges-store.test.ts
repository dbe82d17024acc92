import { beforeEach, describe, expect, it } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createExchangesState, OLDER_PAGE_SIZE, type ExchangesState } from '../../../src-renderer/src/state/exchanges-store';
import { EMPTY_FILTER } from '../../../src-renderer/src/state/filters';
import { summary } from '../../support/exchange-summary';

function ids(rows: readonly { id: number }[]): number[] {
  return rows.map((row) => row.id);
}

describe('exchanges store', () => {
  let store: StoreApi<ExchangesState>;

  beforeEach(() => {
    store = createStore<ExchangesState>()(createExchangesState);
    store.getState().receivePage(store.getState().generation, [summary(3), summary(2), summary(1)], true);
  });

  it('adds pushed rows at the top', () => {
    store.getState().receivePush([{ kind: 'exchange-started', exchange: summary(4, { outcome: 'pending', status: null }) }]);

    expect(ids(store.getState().rows)).toEqual([4, 3, 2, 1]);
    expect(store.getState().rows[0]?.outcome).toBe('pending');
  });

  it('updates a row when it finishes', () => {
    store.getState().receivePush([{ kind: 'exchange-started', exchange: summary(4, { outcome: 'pending' }) }]);
    store.getState().receivePush([{ kind: 'exchange-finished', exchange: summary(4, { outcome: 'target_timeout' }) }]);

    expect(ids(store.getState().rows)).toEqual([4, 3, 2, 1]);
    expect(store.getState().rows[0]?.outcome).toBe('target_timeout');
  });

  it('keeps id order for late pushes', () => {
    store.getState().receivePush([
      { kind: 'exchange-finished', exchange: summary(6) },
      { kind: 'exchange-finished', exchange: summary(5) },
    ]);

    expect(ids(store.getState().rows)).toEqual([6, 5, 3, 2, 1]);
  });

  it('holds new rows while scrolled away', () => {
    store.getState().setAtTop(false);
    store.getState().receivePush([{ kind: 'exchange-finished', exchange: summary(4) }]);

    expect(ids(store.getState().rows)).toEqual([3, 2, 1]);
    expect(ids(store.getState().held)).toEqual([4]);

    store.getState().setAtTop(true);

    expect(ids(store.getState().rows)).toEqual([4, 3, 2, 1]);
    expect(store.getState().held).toEqual([]);
  });

  it('holds new rows while paused', () => {
    store.getState().togglePause();
    store.getState().receivePush([{ kind: 'exchange-finished', exchange: summary(4) }]);

    expect(ids(store.getState().held)).toEqual([4]);

    store.getState().togglePause();

    expect(ids(store.getState().rows)).toEqual([4, 3, 2, 1]);
  });

  it('updates held rows in place', () => {
    store.getState().togglePause();
    store.getState().receivePush([{ kind: 'exchange-started', exchange: summary(4, { outcome: 'pending' }) }]);
    store.getState().receivePush([{ kind: 'exchange-finished', exchange: summary(4, { outcome: 'forwarded' }) }]);

    expect(store.getState().held).toHaveLength(1);
    expect(store.getState().held[0]?.outcome).toBe('forwarded');
  });

  it('keeps pushed rows over an empty page', () => {
    const fresh = createStore<ExchangesState>()(createExchangesState);
    fresh.getState().receivePush([{ kind: 'exchange-finished', exchange: summary(1) }]);

    fresh.getState().receivePage(fresh.getState().generation, [], true);

    expect(ids(fresh.getState().rows)).toEqual([1]);
  });

  it('skips pushes outside the filter', () => {
    store.getState().setFilter({ ...EMPTY_FILTER, type: 'tool-calls' });
    store.getState().receivePage(store.getState().generation, [], true);
    store.getState().receivePush([
      { kind: 'exchange-finished', exchange: summary(10, { type: 'transcript' }) },
      { kind: 'exchange-finished', exchange: summary(11, { type: 'tool-calls' }) },
    ]);

    expect(ids(store.getState().rows)).toEqual([11]);
  });

  it('marks a text search stale', () => {
    store.getState().setFilter({ ...EMPTY_FILTER, text: 'table for four' });
    store.getState().receivePush([
      { kind: 'exchange-started', exchange: summary(12, { outcome: 'pending' }) },
      { kind: 'exchange-finished', exchange: summary(11) },
    ]);

    expect(store.getState().rows).toEqual([]);
    expect(store.getState().searchAfterId).toBe(10);
  });

  it('adds rows a text search found', () => {
    store.getState().setFilter({ ...EMPTY_FILTER, text: 'table' });
    const generation = store.getState().generation;
    store.getState().receivePush([{ kind: 'exchange-finished', exchange: summary(11) }]);
    store.getState().receiveNewer(generation, 10, [summary(11)]);

    expect(ids(store.getState().rows)).toEqual([11]);
    expect(store.getState().searchAfterId).toBeNull();
  });

  it('drops pages of an older filter', () => {
    const old = store.getState().generation;
    store.getState().setFilter({ ...EMPTY_FILTER, outcome: 'target_error' });
    store.getState().receivePage(old, [summary(9)], true);

    expect(store.getState().rows).toEqual([]);
    expect(store.getState().loaded).toBe(false);
  });

  it('appends older pages', () => {
    const page = Array.from({ length: OLDER_PAGE_SIZE }, (_value, index) => summary(-index));
    store.getState().receivePage(store.getState().generation, page, false);

    expect(store.getState().rows).toHaveLength(3 + OLDER_PAGE_SIZE);
    expect(store.getState().hasMore).toBe(true);
  });

  it('ends paging on a short page', () => {
    store.getState().receivePage(store.getState().generation, [summary(0)], false);

    expect(store.getState().hasMore).toBe(false);
  });

  it('replaces rows on reload but keeps newer pushes', () => {
    store.getState().receivePush([{ kind: 'exchange-finished', exchange: summary(8) }]);
    store.getState().receivePage(store.getState().generation, [summary(7), summary(3)], true);

    expect(ids(store.getState().rows)).toEqual([8, 7, 3]);
  });

  it('moves the selection within bounds', () => {
    store.getState().moveSelection(1);
    expect(store.getState().selectedId).toBe(3);

    store.getState().moveSelection(1);
    store.getState().moveSelection(5);
    expect(store.getState().selectedId).toBe(1);

    store.getState().moveSelection(-1);
    expect(store.getState().selectedId).toBe(2);
  });
});
