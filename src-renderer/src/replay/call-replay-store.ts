import { useStore, type StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { PushEvent } from '../../../src-main/contract/api';
import type { CallReplayProgress, CallReplayRequest } from '../../../src-main/contract/replay';
import { cancelCallReplay, startCallReplay } from './replay-api';
import { messageOf } from '../format/error-message';

export interface CallReplayState {
  /** The latest run of each call, by call id. */
  runs: Record<string, CallReplayProgress>;
  /** Error messages from starting or cancelling, by call id. */
  errors: Record<string, string>;
  start(callId: string, request: CallReplayRequest): Promise<void>;
  cancel(callId: string): Promise<void>;
  receivePush(events: readonly PushEvent[]): void;
}

/** Progress of a run that has just started, shown until its first pushed event arrives. */
function startingProgress(callId: string, runId: string, total: number, request: CallReplayRequest): CallReplayProgress {
  return { runId, callId, timing: request.timing ?? 'fast', state: 'running', total, steps: [], currentId: null, nextAt: null, message: null };
}

export const createCallReplayState: StateCreator<CallReplayState> = (set, get) => {
  const setError = (callId: string, message: string | null): void => {
    const errors = { ...get().errors };
    if (message === null) delete errors[callId];
    else errors[callId] = message;
    set({ errors });
  };

  return {
    runs: {},
    errors: {},

    start: async (callId, request) => {
      setError(callId, null);

      try {
        const started = await startCallReplay(callId, request);
        // A pushed event may already have arrived for this run; it is newer than the starting state.
        if (get().runs[callId]?.runId !== started.runId) {
          set({ runs: { ...get().runs, [callId]: startingProgress(callId, started.runId, started.total, request) } });
        }
      } catch (error) {
        setError(callId, messageOf(error));
      }
    },

    cancel: async (callId) => {
      const run = get().runs[callId];
      if (run === undefined) return;

      try {
        const final = await cancelCallReplay(run.runId);
        set({ runs: { ...get().runs, [callId]: final } });
      } catch (error) {
        setError(callId, messageOf(error));
      }
    },

    receivePush: (events) => {
      let runs: Record<string, CallReplayProgress> | null = null;

      for (const event of events) {
        if (event.kind !== 'call-replay-progress') continue;
        runs ??= { ...get().runs };
        runs[event.progress.callId] = event.progress;
      }

      if (runs !== null) set({ runs });
    },
  };
};

export const callReplayStore = createStore<CallReplayState>()(createCallReplayState);

export function useCallReplay<T>(selector: (state: CallReplayState) => T): T {
  return useStore(callReplayStore, selector);
}
