import type { CallReport } from '../../../src-main/contract/inspector';
import { formatSeconds } from '../format/format';
import { exchangesStore } from '../state/exchanges-store';
import { CostBar } from './CostBar';

/** The end-of-call report: summary, success evaluation, structured data and cost by component. */
export function ReportCard({ report }: { report: CallReport }) {
  return (
    <section className="report" data-testid="call-report">
      <h3>
        End-of-call report{' '}
        <button className="icon-button" onClick={() => exchangesStore.getState().select(report.exchangeId)}>
          #{report.exchangeId}
        </button>
      </h3>
      <dl className="call-facts">
        <div>
          <dt>Ended reason</dt>
          <dd>{report.endedReason ?? '–'}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatSeconds(report.durationSeconds)}</dd>
        </div>
        {report.successEvaluation !== null && (
          <div>
            <dt>Success evaluation</dt>
            <dd>{report.successEvaluation}</dd>
          </div>
        )}
      </dl>
      {report.summary !== null && (
        <>
          <div className="muted">Summary</div>
          <p data-testid="report-summary">{report.summary}</p>
        </>
      )}
      {report.structuredData !== null && (
        <>
          <div className="muted">Structured data</div>
          <pre className="json">{JSON.stringify(report.structuredData, null, 2)}</pre>
        </>
      )}
      <div className="muted">Cost</div>
      <CostBar items={report.costBreakdown} total={report.cost} />
      {report.recordingUrl !== null && (
        <p>
          Recording: <span className="mono">{report.recordingUrl}</span>
        </p>
      )}
    </section>
  );
}
