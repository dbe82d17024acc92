import type { DecodedBody } from '../../../src-main/contract/inspector';
import type { HeaderPair } from '../../../src-main/contract/exchange';
import { formatBytes } from '../format/format';
import { BodyView } from './BodyView';
import { isSecretHeader, maskedValue, revealedSecretsStore, useRevealed } from './secret-headers';

interface MessageSideProps {
  exchangeId: number;
  title: string;
  summary: string;
  headers: readonly HeaderPair[] | null;
  text: string | null;
  base64: string | null;
  size: number | null;
  decoded: DecodedBody | null;
  truncated?: boolean;
  /** `request` or `response`; also names the reveal toggles of this side's secret headers. */
  testId: string;
}

/** Renders a credential header's value masked, with a toggle that shows it for this exchange only. */
function SecretValue({ exchangeId, revealKey, name, value }: { exchangeId: number; revealKey: string; name: string; value: string }) {
  const revealed = useRevealed(exchangeId, revealKey);

  return (
    <span className="secret-value">
      <span className={revealed ? undefined : 'muted'} data-testid="secret-value">
        {revealed ? value : maskedValue(value)}
      </span>
      <button
        className="link-button"
        aria-pressed={revealed}
        aria-label={`${revealed ? 'Hide' : 'Reveal'} ${name}`}
        onClick={() => revealedSecretsStore.getState().toggle(exchangeId, revealKey)}
      >
        {revealed ? 'hide' : 'reveal'}
      </button>
    </span>
  );
}

/** One side of an exchange, request or response: headers as a table, then the body. */
export function MessageSide({ exchangeId, title, summary, headers, text, base64, size, decoded, truncated, testId }: MessageSideProps) {
  return (
    <section className="side" data-testid={testId}>
      <div className="side-title">
        <span>
          {title} <span className="mono muted">{summary}</span>
        </span>
        <span className="muted num" title={size === null ? 'no body' : `${size} bytes as stored`}>
          {formatBytes(size)}
        </span>
      </div>
      {headers === null ? (
        <p className="raw muted">No reply was received.</p>
      ) : (
        <>
          <div className="section-label">Headers ({headers.length})</div>
          <table className="headers">
            <tbody>
              {headers.map(([name, value], index) => (
                <tr key={`${name}-${index}`}>
                  <td>{name}</td>
                  <td>{isSecretHeader(name) ? <SecretValue exchangeId={exchangeId} revealKey={`${testId}:${index}`} name={name} value={value} /> : value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {base64 !== null && <BodyView text={text} base64={base64} size={size ?? 0} decoded={decoded} truncated={truncated ?? false} testId={`${testId}-body`} />}
        </>
      )}
    </section>
  );
}
