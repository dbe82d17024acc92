import { deadlineFor } from '../format/event-colors';
import { formatDuration } from '../format/format';

/** Share of the deadline past which the bar turns amber. */
const AMBER_FRACTION = 0.8;

const VERDICTS = { ok: 'within the deadline', amber: 'close to the deadline', red: 'past the deadline: Vapi gave up waiting' };

/** Time taken against Vapi's deadline for the event type: amber past 80 %, red past the deadline. */
export function TimingBar({ type, durationMs }: { type: string | null; durationMs: number | null }) {
  const deadline = deadlineFor(type);

  if (durationMs === null) {
    return <div className="timing muted">Waiting for the reply… (deadline {formatDuration(deadline)})</div>;
  }

  const fraction = durationMs / deadline;
  let level: 'ok' | 'amber' | 'red' = 'ok';
  if (fraction > 1) level = 'red';
  else if (fraction >= AMBER_FRACTION) level = 'amber';
  const verdict = VERDICTS[level];

  return (
    <div className="timing" data-testid="timing-bar" data-level={level}>
      <div className="section-label" style={{ padding: '0 0 4px' }}>
        <span>
          Deadline {formatDuration(durationMs)} / {formatDuration(deadline)} · {verdict}
        </span>
      </div>
      <div className="timing-track" role="meter" aria-valuemin={0} aria-valuemax={deadline} aria-valuenow={Math.round(durationMs)} aria-label="Reply time against Vapi's deadline">
        <div className={`timing-fill ${level === 'ok' ? '' : level}`} style={{ width: `${Math.min(100, fraction * 100)}%` }} />
      </div>
    </div>
  );
}
