import { useState } from 'react';
import type { CallReplayProgress, ReplayTiming } from '../../../src-main/contract/replay';
import { formatCountOf, formatDuration } from '../format/format';
import { callReplayStore, useCallReplay } from './call-replay-store';
import './replay.css';

const STATE_WORDS: Record<CallReplayProgress['state'], string> = {
  running: 'Replaying',
  finished: 'Finished',
  stopped_on_failure: 'Stopped at the first failure',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

function ProgressLine({ run }: { run: CallReplayProgress }) {
  const failures = run.steps.filter((step) => step.failed).length;
  const last = run.steps.at(-1);
  const waitingMs = run.nextAt === null ? null : Math.max(0, run.nextAt - Date.now());

  return (
    <div className="call-replay-progress" data-testid="call-replay-progress" data-state={run.state}>
      <progress max={Math.max(1, run.total)} value={run.steps.length} aria-label="Events replayed" />
      <span>
        {STATE_WORDS[run.state]}: {run.steps.length} of {formatCountOf(run.total, 'event')} sent
        {failures > 0 && <span className="health-bad">, {failures} failed</span>}
        {waitingMs !== null && <span className="muted"> · next in {formatDuration(waitingMs)} (original spacing)</span>}
        {last !== undefined && (
          <span className="muted">
            {' '}
            · last: {last.type ?? 'request'} {last.status ?? last.outcome} in {formatDuration(last.durationMs)}
          </span>
        )}
      </span>
      {run.message !== null && run.state !== 'finished' && <span className="muted"> {run.message}</span>}
    </div>
  );
}

/** Replays every recorded event of one call in order, fast or with the original spacing, with progress and cancel. */
export function CallReplayControl({ callId }: { callId: string }) {
  const run = useCallReplay((state) => state.runs[callId]);
  const error = useCallReplay((state) => state.errors[callId] ?? null);
  const [timing, setTiming] = useState<ReplayTiming>('fast');
  const [stopOnFailure, setStopOnFailure] = useState(false);
  const running = run?.state === 'running';

  return (
    <div className="call-replay" data-testid="call-replay">
      <div className="call-replay-controls">
        <strong>Replay this call</strong>
        <select aria-label="Replay timing" value={timing} onChange={(event) => setTiming(event.target.value as ReplayTiming)} disabled={running}>
          <option value="fast">as fast as possible</option>
          <option value="original">with the original spacing</option>
        </select>
        <label>
          <input type="checkbox" checked={stopOnFailure} onChange={(event) => setStopOnFailure(event.target.checked)} disabled={running} /> stop at the first failure
        </label>
        {running ? (
          <button className="icon-button" onClick={() => void callReplayStore.getState().cancel(callId)}>
            Cancel
          </button>
        ) : (
          <button className="primary-button" onClick={() => void callReplayStore.getState().start(callId, { timing, stopOnFailure })}>
            Replay call
          </button>
        )}
      </div>
      {run !== undefined && <ProgressLine run={run} />}
      {error !== null && <p className="error-line">{error}</p>}
    </div>
  );
}
