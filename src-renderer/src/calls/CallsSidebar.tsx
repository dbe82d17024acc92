import { useEffect, useState } from 'react';
import type { CallSummary } from '../../../src-main/contract/exchange';
import { formatClock, formatCost, formatCountOf, formatSeconds, shortId } from '../format/format';
import { CALL_LIST_LIMIT, useCalls } from '../state/calls-store';
import { exchangesStore, useExchanges } from '../state/exchanges-store';

/** A call without news for this long, in milliseconds, no longer counts as live. */
const QUIET_AFTER_MS = 5 * 60 * 1000;

function isLive(call: CallSummary, now: number): boolean {
  return call.status !== 'ended' && call.endedReason === null && now - call.lastSeenAt < QUIET_AFTER_MS;
}

function chooseCall(callId: string | null): void {
  const { filter, setFilter } = exchangesStore.getState();
  if (filter.callId !== callId) setFilter({ ...filter, callId });
}

/** One entry per call id, most recently active first; clicking one filters the list to it. */
export function CallsSidebar() {
  const calls = useCalls((state) => state.calls);
  const partial = useCalls((state) => state.partial);
  const current = useExchanges((state) => state.filter.callId);
  const [now, setNow] = useState(Date.now());

  // Re-renders now and then so a call that went quiet stops showing as live.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  return (
    <div className="pane" data-testid="calls-sidebar">
      <div className="sidebar-head" title={partial ? `The ${CALL_LIST_LIMIT} most recently active calls are listed, and calls since` : undefined}>
        CALLS ({partial ? `${calls.length}+` : calls.length})
      </div>
      <div className="call-list">
        <button className="call-item" aria-current={current === null} onClick={() => chooseCall(null)}>
          All exchanges
        </button>
        {calls.map((call) => (
          <button key={call.callId} className="call-item" aria-current={current === call.callId} onClick={() => chooseCall(call.callId)} title={call.callId} data-call-id={call.callId}>
            <span className="call-line">
              <span className="mono">{shortId(call.callId)}</span>
              {isLive(call, now) ? <span className="live">● live</span> : <span className="muted">{call.endedReason ?? call.status ?? 'no status'}</span>}
            </span>
            <span className="call-line muted">
              <span>{call.customerNumber ?? 'unknown caller'}</span>
              <span>{formatClock(call.firstSeenAt).slice(0, 8)}</span>
            </span>
            <span className="call-line muted">
              <span>{call.durationSeconds === null ? formatCountOf(call.exchangeCount, 'event') : formatSeconds(call.durationSeconds)}</span>
              <span>{call.cost === null ? '' : formatCost(call.cost)}</span>
            </span>
          </button>
        ))}
        {calls.length === 0 && <p className="muted" style={{ padding: '0 10px' }}>Calls appear here as events with a call id arrive.</p>}
      </div>
    </div>
  );
}
