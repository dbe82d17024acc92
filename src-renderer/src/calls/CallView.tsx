import { useEffect, useState } from 'react';
import { loadTimeline } from '../api/inspector-sync';
import { formatClock, formatCost, formatSeconds } from '../format/format';
import { useCalls } from '../state/calls-store';
import { CallReplayControl } from '../replay/CallReplayControl';
import { useTimeline } from '../state/detail-store';
import { useExchanges } from '../state/exchanges-store';
import { CopyableId } from '../shell/CopyableId';
import { Conversation } from './Conversation';
import { EventTimeline } from './EventTimeline';
import { ReportCard } from './ReportCard';

/** One call: its facts and status progression, the conversation with tool calls, the report, and every event. */
export function CallView() {
  const filterCallId = useExchanges((state) => state.filter.callId);
  const newestCallId = useCalls((state) => state.calls[0]?.callId ?? null);
  const callId = filterCallId ?? newestCallId;
  const timeline = useTimeline((state) => state.value);
  const error = useTimeline((state) => state.error);
  const [hidePartials, setHidePartials] = useState(true);

  useEffect(() => {
    void loadTimeline(callId);
  }, [callId]);

  if (callId === null) {
    return <p className="empty muted">No calls yet. A call appears as soon as an event with message.call.id arrives; try “Simulate a call” on the Exchanges tab.</p>;
  }

  if (timeline === null || timeline.call.callId !== callId) {
    return <p className="empty muted">{error ?? 'Loading the call…'}</p>;
  }

  const { call } = timeline;

  return (
    <div className="call-view" data-testid="call-view">
      <div className="call-column">
        <CallReplayControl callId={call.callId} />
        <dl className="call-facts">
          <div>
            <dt>Call</dt>
            <dd>
              <CopyableId id={call.callId} label="call id" />
            </dd>
          </div>
          <div>
            <dt>Caller</dt>
            <dd>{call.customerNumber ?? 'unknown'}</dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{formatClock(call.firstSeenAt).slice(0, 8)}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>{formatSeconds(call.durationSeconds ?? (call.lastSeenAt - call.firstSeenAt) / 1000)}</dd>
          </div>
          <div>
            <dt>Ended reason</dt>
            <dd>{call.endedReason ?? (call.status === 'ended' ? '–' : 'still in progress')}</dd>
          </div>
          <div>
            <dt>Cost</dt>
            <dd>{formatCost(call.cost)}</dd>
          </div>
        </dl>
        <div className="progression" data-testid="status-progression" style={{ marginBottom: 14 }}>
          <span className="muted">Status</span>
          {call.statusHistory.length === 0 ? <span className="muted">no status-update yet</span> : call.statusHistory.map((status, index) => <span key={index}>{index === 0 ? status : `→ ${status}`}</span>)}
        </div>
        <Conversation items={timeline.conversation} source={timeline.conversationSource} />
        {timeline.report !== null && <ReportCard report={timeline.report} />}
      </div>
      <div className="call-column">
        <h3 className="column-title">
          Events ({timeline.events.length}
          {timeline.truncated ? ', first ones only' : ''})
        </h3>
        <label className="muted" style={{ display: 'block', marginBottom: 6 }}>
          <input type="checkbox" checked={hidePartials} onChange={(event) => setHidePartials(event.target.checked)} /> hide partial transcripts
        </label>
        <EventTimeline events={timeline.events} hidePartials={hidePartials} />
      </div>
    </div>
  );
}
