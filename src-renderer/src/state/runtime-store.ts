import { useStore, type StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { PushEvent } from '../../../src-main/contract/api';
import type { TargetHealth } from '../../../src-main/contract/inspector';
import type { RuntimeInfo } from '../../../src-main/contract/settings';

/**
 * The state of the WebSocket to the core. `token-rejected` is final: the core responded 401, so it
 * was restarted with a new per-launch token and only the URL it printed can connect again.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'token-rejected';

export interface RuntimeState {
  runtime: RuntimeInfo | null;
  health: TargetHealth | null;
  connection: ConnectionState;
  /** Epoch milliseconds of the next reconnect attempt while reconnecting. */
  retryAt: number | null;
  /** The last reason the core could not be reached, such as a rejected token. */
  connectionError: string | null;
  /** Exchanges started since the last runtime report, added to its count. */
  countSinceRuntime: number;
  /** True once the socket has opened, so a rejected token afterwards means the core was restarted. */
  everOpened: boolean;

  receivePush(events: readonly PushEvent[]): void;
  setConnection(connection: ConnectionState, retryAt?: number | null, error?: string | null): void;
}

export const createRuntimeState: StateCreator<RuntimeState> = (set) => ({
  runtime: null,
  health: null,
  connection: 'connecting',
  retryAt: null,
  connectionError: null,
  countSinceRuntime: 0,
  everOpened: false,

  receivePush: (events) => {
    let runtime: RuntimeInfo | undefined;
    let health: TargetHealth | undefined;
    let started = 0;

    for (const event of events) {
      if (event.kind === 'runtime') {
        runtime = event.runtime;
        started = 0;
      } else if (event.kind === 'target-health') {
        health = event.health;
      } else if (event.kind === 'exchange-started') {
        started += 1;
      }
    }

    set((state) => ({
      ...(runtime === undefined ? { countSinceRuntime: state.countSinceRuntime + started } : { runtime, countSinceRuntime: started }),
      ...(health === undefined ? {} : { health }),
    }));
  },

  // While the socket is down the target's health is unknown, and after it opens only a fresh probe counts.
  setConnection: (connection, retryAt = null, error = null) =>
    set(connection === 'open' ? { connection, retryAt: null, connectionError: null, health: null, everOpened: true } : { connection, retryAt, connectionError: error, health: null }),
});

export const runtimeStore = createStore<RuntimeState>()(createRuntimeState);

export function useRuntime<T>(selector: (state: RuntimeState) => T): T {
  return useStore(runtimeStore, selector);
}
