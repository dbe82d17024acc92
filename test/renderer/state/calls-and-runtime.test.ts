import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { CallSummary } from '../../../src-main/contract/exchange';
import { createCallsState, type CallsState } from '../../../src-renderer/src/state/calls-store';
import { createRuntimeState, type RuntimeState } from '../../../src-renderer/src/state/runtime-store';
import { summary } from '../../support/exchange-summary';

function call(callId: string, lastSeenAt: number, exchangeCount = 1): CallSummary {
  return { callId, firstSeenAt: 0, lastSeenAt, customerNumber: null, phoneNumber: null, status: null, statusHistory: [], endedReason: null, cost: null, durationSeconds: null, exchangeCount };
}

describe('calls store', () => {
  it('sorts by latest activity', () => {
    const store = createStore<CallsState>()(createCallsState);
    store.getState().receiveList([call('a', 1), call('b', 5)]);
    store.getState().receivePush([{ kind: 'call-updated', call: call('a', 9) }]);

    expect(store.getState().calls.map((entry) => entry.callId)).toEqual(['a', 'b']);
  });

  it('marks a list cut at the limit as partial', () => {
    const store = createStore<CallsState>()(createCallsState);

    store.getState().receiveList([call('a', 1)], true);
    expect(store.getState().partial).toBe(true);
    store.getState().receiveList([call('a', 1)]);
    expect(store.getState().partial).toBe(false);
  });

  it('keeps a pushed call newer than the fetched one', () => {
    const store = createStore<CallsState>()(createCallsState);
    store.getState().receivePush([{ kind: 'call-updated', call: call('a', 9, 4) }]);
    store.getState().receiveList([call('a', 5, 2)]);

    expect(store.getState().calls[0]?.exchangeCount).toBe(4);
  });
});

describe('runtime store', () => {
  const runtime = { receiveUrl: 'http://127.0.0.1:4242', targetUrl: null, databasePath: '/tmp/x.db', databaseSizeBytes: 1, exchangeCount: 10, inspectorUrl: null, version: '1' };

  it('counts exchanges since the last runtime', () => {
    const store = createStore<RuntimeState>()(createRuntimeState);
    store.getState().receivePush([{ kind: 'runtime', runtime }]);
    store.getState().receivePush([
      { kind: 'exchange-started', exchange: summary(1) },
      { kind: 'exchange-started', exchange: summary(2) },
    ]);

    expect(store.getState().countSinceRuntime).toBe(2);

    store.getState().receivePush([{ kind: 'runtime', runtime: { ...runtime, exchangeCount: 12 } }]);

    expect(store.getState().countSinceRuntime).toBe(0);
    expect(store.getState().runtime?.exchangeCount).toBe(12);
  });

  it('clears the error when the connection opens', () => {
    const store = createStore<RuntimeState>()(createRuntimeState);
    store.getState().setConnection('reconnecting', 123, 'Missing or wrong token.');

    expect(store.getState().connectionError).toBe('Missing or wrong token.');

    store.getState().setConnection('open');

    expect(store.getState().everOpened).toBe(true);
    expect(store.getState().connectionError).toBeNull();
    expect(store.getState().retryAt).toBeNull();
  });

  it('forgets target health while disconnected', () => {
    const store = createStore<RuntimeState>()(createRuntimeState);
    const health = { targetUrl: 'http://127.0.0.1:3000/', reachable: true, error: null, checkedAt: 1 };
    store.getState().setConnection('open');
    store.getState().receivePush([{ kind: 'target-health', health }]);

    expect(store.getState().health).toEqual(health);

    store.getState().setConnection('reconnecting', 5, null);

    expect(store.getState().health).toBeNull();

    store.getState().receivePush([{ kind: 'target-health', health }]);
    store.getState().setConnection('open');

    expect(store.getState().health).toBeNull();
  });

  it('keeps a rejected token as final state', () => {
    const store = createStore<RuntimeState>()(createRuntimeState);
    store.getState().setConnection('token-rejected', null, 'Missing or wrong token.');

    expect(store.getState().everOpened).toBe(false);
    expect(store.getState().connection).toBe('token-rejected');
    expect(store.getState().retryAt).toBeNull();
    expect(store.getState().connectionError).toBe('Missing or wrong token.');
  });
});
