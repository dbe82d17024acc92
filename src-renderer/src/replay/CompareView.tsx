import type { BodyDiff, ComparedExchange, ExchangeComparison, JsonChange } from '../../../src-main/contract/replay';
import { prettyJsonText } from '../../../src-main/core/json/pretty-json';
import { formatDuration } from '../format/format';

/** Maximum characters of a value shown in a change row; the full bodies are shown below. */
const MAX_VALUE_CHARS = 160;

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

function prettyText(text: string | null): string {
  if (text === null) return '(no body, or not text)';

  return prettyJsonText(text) ?? text;
}

function sideTitle(side: ComparedExchange): string {
  if (side.replayOf === null) return `#${side.id} original`;
  return `#${side.id} replay of #${side.replayOf}${side.edited ? ', edited' : ''}`;
}

function ChangeRow({ change }: { change: JsonChange }) {
  return (
    <li className={`diff-row diff-${change.kind}`} data-testid="diff-row">
      <span className="diff-kind">{change.kind}</span>
      <span className="mono diff-pointer">{change.pointer === '' ? '(whole body)' : change.pointer}</span>
      <span className="mono diff-values">
        {change.kind !== 'added' && <del>{shortJson(change.before)}</del>}
        {change.kind === 'changed' && ' → '}
        {change.kind !== 'removed' && <ins>{shortJson(change.after)}</ins>}
      </span>
    </li>
  );
}

function DiffList({ diff, what }: { diff: BodyDiff; what: string }) {
  if (diff.equal) return <p className="muted">The {what} bodies are identical.</p>;
  if (diff.kind === 'text') return <p className="muted">The {what} bodies differ; at least one is not JSON, so they are compared as text below.</p>;

  return (
    <ul className="diff-list" data-testid={`${what}-diff`}>
      {diff.changes.map((change) => (
        <ChangeRow key={`${change.kind}${change.pointer}`} change={change} />
      ))}
    </ul>
  );
}

function SideHead({ side, other }: { side: ComparedExchange; other: ComparedExchange }) {
  return (
    <div className="compare-head">
      <strong>{sideTitle(side)}</strong>
      <span className={side.status !== other.status ? 'compare-changed' : ''} data-testid="compare-status">
        {side.status ?? 'no status'} {side.outcome !== 'forwarded' && `(${side.outcome})`}
      </span>
      <span className="num mono">{formatDuration(side.durationMs)}</span>
    </div>
  );
}

/** Shows two replies side by side: status, duration, the JSON changes by pointer, and both bodies in full. */
export function CompareView({ comparison }: { comparison: ExchangeComparison }) {
  const { left, right } = comparison;
  const delta = comparison.durationDeltaMs;

  return (
    <div className="compare-view" data-testid="compare-view">
      <p className="compare-summary">
        {comparison.statusChanged ? <span className="compare-changed">Status {left.status ?? '–'} → {right.status ?? '–'}</span> : <span>Same status {left.status ?? '–'}</span>}
        {delta !== null && <span className="muted"> · {delta >= 0 ? `${formatDuration(delta)} slower` : `${formatDuration(-delta)} faster`}</span>}
      </p>
      <h3>Response changes</h3>
      <DiffList diff={comparison.response} what="response" />
      <div className="compare-sides">
        <div>
          <SideHead side={left} other={right} />
          <pre className="compare-body mono" data-testid="compare-left-body">{prettyText(left.responseText)}</pre>
        </div>
        <div>
          <SideHead side={right} other={left} />
          <pre className="compare-body mono" data-testid="compare-right-body">{prettyText(right.responseText)}</pre>
        </div>
      </div>
      <details className="compare-request">
        <summary>Request changes{comparison.request.kind === 'json' && !comparison.request.equal ? ` (${comparison.request.changes.length})` : ''}</summary>
        <DiffList diff={comparison.request} what="request" />
      </details>
    </div>
  );
}
