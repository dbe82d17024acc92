import type { DecodedBody } from '../../../src-main/contract/inspector';
import type { HeaderPair } from '../../../src-main/contract/exchange';
import { formatBytes } from '../format/format';
import { BodyView } from './BodyView';
import { isSecretHeader } from './secret-headers';
import { SecretValue } from './SecretValue';

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
