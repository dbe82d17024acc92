import { useStore, type StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CallTimeline, ExchangeView } from '../../../src-main/contract/inspector';

/** A record loaded by id from the control API, with its loading and error state. */
export interface Loaded<Key, Value> {
  key: Key | null;
  value: Value | null;
  loading: boolean;
  error: string | null;
  /** Starts showing `key`; the previous value stays until the new one arrives when the key is the same. */
  begin(key: Key | null): void;
  receive(key: Key, value: Value): void;
  fail(key: Key, message: string): void;
}

export function createLoadedState<Key, Value>(): StateCreator<Loaded<Key, Value>> {
  return (set, get) => ({
    key: null,
    value: null,
    loading: false,
    error: null,

    begin: (key) => set(key === get().key ? { loading: key !== null } : { key, value: null, loading: key !== null, error: null }),

    receive: (key, value) => {
      if (key === get().key) set({ value, loading: false, error: null });
    },

    fail: (key, message) => {
      if (key === get().key) set({ loading: false, error: message });
    },
  });
}

/** The exchange open in the detail pane. */
export const detailStore = createStore<Loaded<number, ExchangeView>>()(createLoadedState<number, ExchangeView>());

/** The call open in the calls view. */
export const timelineStore = createStore<Loaded<string, CallTimeline>>()(createLoadedState<string, CallTimeline>());

export function useDetail<T>(selector: (state: Loaded<number, ExchangeView>) => T): T {
  return useStore(detailStore, selector);
}

export function useTimeline<T>(selector: (state: Loaded<string, CallTimeline>) => T): T {
  return useStore(timelineStore, selector);
}
