import type { StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PushEvent } from '../../../src-main/contract/api';
import type { ExchangeSummary } from '../../../src-main/contract/exchange';
import { EMPTY_FILTER, matchesFilter, type ExchangeFilter } from './filters';

/** Rows fetched for the newest page, small so the list shows at once. */
export const PAGE_SIZE = 500;

/**
 * Rows fetched per older page when the list scrolls to its end. Large pages keep a long scroll
 * through a big history to a few requests; the control API allows up to 10,000.
 */
export const OLDER_PAGE_SIZE = 5_000;

export interface ExchangesState {
  filter: ExchangeFilter;
  /** Rows shown, newest first. */
  rows: ExchangeSummary[];
  /** New rows held back while paused or scrolled away from the top, newest first. */
  held: ExchangeSummary[];
  paused: boolean;
  /** True while the list is scrolled to its top, so new rows can appear without moving anything. */
  atTop: boolean;
  /** True when the API may have older rows than the last page. */
  hasMore: boolean;
  loading: boolean;
  /** Set when the first page has arrived for the current filter. */
  loaded: boolean;
  /** Changes with every filter change, so pages fetched for an older filter are dropped. */
  generation: number;
  /**
   * Set when finished exchanges may match the text filter, which only the database can decide:
   * the API is then asked for matches with ids above this one.
   */
  searchAfterId: number | null;
  selectedId: number | null;
  loadError: string | null;

  setFilter(filter: ExchangeFilter): void;
  /** Empties the list and starts a new generation for the same filter, so its first page loads again. */
  restartList(): void;
  startLoading(): void;
  /** Adds a page of older rows fetched for `generation`; `replace` starts the list over. */
  receivePage(generation: number, page: ExchangeSummary[], replace: boolean): void;
  /** Adds rows a text search found above `afterId`, fetched for `generation`. */
  receiveNewer(generation: number, afterId: number, newer: ExchangeSummary[]): void;
  failLoading(generation: number, message: string): void;
  receivePush(events: readonly PushEvent[]): void;
  setAtTop(atTop: boolean): void;
  togglePause(): void;
  /** Moves the held rows into the list. */
  showHeld(): void;
  select(id: number | null): void;
  /** Moves the selection by `step` rows; with nothing selected, selects the first row. */
  moveSelection(step: number): void;
}

/** Inserts rows into a newest-first list, replacing rows with the same id. */
function mergeNewestFirst(list: readonly ExchangeSummary[], incoming: readonly ExchangeSummary[]): ExchangeSummary[] {
  if (incoming.length === 0) return list as ExchangeSummary[];

  const byId = new Map(incoming.map((row) => [row.id, row]));
  const kept = list.filter((row) => !byId.has(row.id));
  const added = [...byId.values()].sort((a, b) => b.id - a.id);
  const merged: ExchangeSummary[] = [];
  let keptIndex = 0;

  for (const row of added) {
    while (keptIndex < kept.length && (kept[keptIndex] as ExchangeSummary).id > row.id) merged.push(kept[keptIndex++] as ExchangeSummary);
    merged.push(row);
  }

  while (keptIndex < kept.length) merged.push(kept[keptIndex++] as ExchangeSummary);
  return merged;
}

/** Replaces the rows whose ids appear in `updates`; returns the same array when none does. */
function updateInPlace(list: ExchangeSummary[], updates: ReadonlyMap<number, ExchangeSummary>): ExchangeSummary[] {
  let changed = false;
  const next = list.map((row) => {
    const update = updates.get(row.id);
    if (update === undefined) return row;
    changed = true;
    return update;
  });
  return changed ? next : list;
}

export const createExchangesState: StateCreator<ExchangesState> = (set, get) => ({
  filter: EMPTY_FILTER,
  rows: [],
  held: [],
  paused: false,
  atTop: true,
  hasMore: true,
  loading: false,
  loaded: false,
  generation: 0,
  searchAfterId: null,
  selectedId: null,
  loadError: null,

  setFilter: (filter) =>
    set((state) => ({ filter, rows: [], held: [], hasMore: true, loaded: false, loadError: null, searchAfterId: null, generation: state.generation + 1 })),

  restartList: () => set((state) => ({ rows: [], held: [], hasMore: true, loaded: false, loadError: null, searchAfterId: null, generation: state.generation + 1 })),

  startLoading: () => set({ loading: true }),

  receivePage: (generation, page, replace) => {
    if (generation !== get().generation) return;

    set((state) => {
      // Rows pushed while the page loaded are kept when they are newer than it; an empty page is older than all of them.
      const rows = replace ? mergeNewestFirst(state.rows.filter((row) => row.id > (page[0]?.id ?? -Infinity)), page) : mergeNewestFirst(state.rows, page);
      return { rows, hasMore: page.length >= (replace ? PAGE_SIZE : OLDER_PAGE_SIZE), loading: false, loaded: true, loadError: null };
    });
  },

  receiveNewer: (generation, afterId, newer) => {
    if (generation !== get().generation) return;

    set((state) => {
      const showNow = !state.paused && state.atTop;
      const known = new Set([...state.rows, ...state.held].map((row) => row.id));
      const updates = new Map(newer.filter((row) => known.has(row.id)).map((row) => [row.id, row]));
      const added = newer.filter((row) => !known.has(row.id));
      const rows = updateInPlace(state.rows, updates);
      const held = updateInPlace(state.held, updates);
      // Exchanges that finished while the search ran may have lowered the mark; they need another search.
      const searchAfterId = state.searchAfterId === afterId ? null : state.searchAfterId;
      return showNow ? { rows: mergeNewestFirst(rows, added), held, searchAfterId } : { rows, held: mergeNewestFirst(held, added), searchAfterId };
    });
  },

  failLoading: (generation, message) => {
    if (generation === get().generation) set({ loading: false, loadError: message });
  },

  receivePush: (events) => {
    const state = get();
    const latest = new Map<number, ExchangeSummary>();

    for (const event of events) {
      if (event.kind === 'exchange-started' || event.kind === 'exchange-finished') latest.set(event.exchange.id, event.exchange);
    }

    if (latest.size === 0) return;

    const known = new Set<number>();
    for (const row of state.rows) if (latest.has(row.id)) known.add(row.id);
    for (const row of state.held) if (latest.has(row.id)) known.add(row.id);

    const added: ExchangeSummary[] = [];
    let searchAfterId = state.searchAfterId;

    for (const exchange of latest.values()) {
      if (known.has(exchange.id)) continue;
      const match = matchesFilter(state.filter, exchange);
      if (match === true) added.push(exchange);
      if (match === 'unknown' && exchange.outcome !== 'pending') searchAfterId = Math.min(searchAfterId ?? Infinity, exchange.id - 1);
    }

    const rows = updateInPlace(state.rows, latest);
    const held = updateInPlace(state.held, latest);
    const showNow = !state.paused && state.atTop;

    set(showNow ? { rows: mergeNewestFirst(rows, added), held, searchAfterId } : { rows, held: mergeNewestFirst(held, added), searchAfterId });
  },

  setAtTop: (atTop) => {
    if (atTop === get().atTop) return;
    set({ atTop });
    if (atTop && !get().paused) get().showHeld();
  },

  togglePause: () => {
    const paused = !get().paused;
    set({ paused });
    if (!paused && get().atTop) get().showHeld();
  },

  showHeld: () => set((state) => (state.held.length === 0 ? state : { rows: mergeNewestFirst(state.rows, state.held), held: [] })),

  select: (id) => set({ selectedId: id }),

  moveSelection: (step) => {
    const { rows, selectedId } = get();
    if (rows.length === 0) return;
    const index = selectedId === null ? -1 : rows.findIndex((row) => row.id === selectedId);
    const next = index === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, index + step));
    set({ selectedId: (rows[next] as ExchangeSummary).id });
  },
});

/** The app's exchange list store. Tests build their own with `createStore(createExchangesState)`. */
export const exchangesStore = createStore<ExchangesState>()(createExchangesState);

export function useExchanges<T>(selector: (state: ExchangesState) => T): T {
  return useStore(exchangesStore, selector);
}
