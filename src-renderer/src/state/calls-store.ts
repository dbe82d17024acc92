import { useStore, type StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { PushEvent } from '../../../src-main/contract/api';
import type { CallSummary } from '../../../src-main/contract/exchange';

/** Max calls the sidebar lists from its first load. The history may contain more. */
export const CALL_LIST_LIMIT = 500;

export interface CallsState {
  /** Calls, most recently active first. */
  calls: CallSummary[];
  loaded: boolean;
  /** True when the history contained more calls than the first load listed. */
  partial: boolean;
  receiveList(calls: CallSummary[], partial?: boolean): void;
  receivePush(events: readonly PushEvent[]): void;
}

function byLastSeen(a: CallSummary, b: CallSummary): number {
  return b.lastSeenAt - a.lastSeenAt;
}

export const createCallsState: StateCreator<CallsState> = (set, get) => ({
  calls: [],
  loaded: false,
  partial: false,

  receiveList: (calls, partial = false) => {
    // A call pushed while the list was loading may be newer than the fetched copy.
    const current = new Map(get().calls.map((call) => [call.callId, call]));
    const merged = calls.map((call) => {
      const pushed = current.get(call.callId);
      return pushed !== undefined && pushed.exchangeCount > call.exchangeCount ? pushed : call;
    });
    set({ calls: merged.sort(byLastSeen), loaded: true, partial });
  },

  receivePush: (events) => {
    const updates = new Map<string, CallSummary>();

    for (const event of events) {
      if (event.kind === 'call-updated') updates.set(event.call.callId, event.call);
    }

    if (updates.size === 0) return;

    const kept = get().calls.filter((call) => !updates.has(call.callId));
    set({ calls: [...kept, ...updates.values()].sort(byLastSeen) });
  },
});

export const callsStore = createStore<CallsState>()(createCallsState);

export function useCalls<T>(selector: (state: CallsState) => T): T {
  return useStore(callsStore, selector);
}
