import type { ExchangeDetail, HeaderPair } from '../../contract/exchange';
import type { ReplayEdits } from '../../contract/replay';
import { SwitchboardError } from '../errors';
import { headerValue } from '../headers';
import { contentEncodingOf, decodeBody, requirePlainBody } from './body-encoding';
import { applyPointerEditToText } from './json-text-edit';

/** The body one replay sends. */
export interface ReplayBody {
  /** The exact bytes that go out. */
  bytes: Buffer;
  /** The `Content-Encoding` of `bytes`, or null for plain bytes. Never differs from what `bytes` are. */
  contentEncoding: string | null;
  /** The body without its encoding, for reading the Vapi fields; null when the recorded encoding cannot be undone. */
  plain: Buffer | null;
  /** True when `bytes` differ from the recorded body. */
  changed: boolean;
}

/**
 * Works out the bytes a replay sends. Without body edits the recorded bytes go out with their
 * recorded `Content-Encoding`. An edit is applied to the decoded body (pointer edits change only
 * the bytes of the edited values) and the plain result goes out without `Content-Encoding`, so
 * the header always matches the bytes. An edit that leaves the decoded body as it was counts as
 * no edit.
 */
export function resolveReplayBody(exchange: ExchangeDetail, edits: ReplayEdits, headers: readonly HeaderPair[]): ReplayBody {
  const recorded = Buffer.from(exchange.requestBody.buffer, exchange.requestBody.byteOffset, exchange.requestBody.byteLength);
  const encoding = contentEncodingOf(exchange.requestHeaders);
  const edited = editedBody(exchange, edits);
  const decoded = decodeBody(recorded, encoding);
  const plain = decoded.ok ? decoded.bytes : null;

  if (edited !== null && (plain === null || !edited.equals(plain))) {
    return { bytes: edited, contentEncoding: null, plain: edited, changed: true };
  }

  if (encoding === null) {
    return { bytes: recorded, contentEncoding: null, plain: recorded, changed: false };
  }

  // The edited header list dropped or changed the encoding, so the decoded bytes go out instead.
  if (contentEncodingOf(headers) !== encoding) {
    const decodedBytes = requirePlainBody(exchange.id, recorded, exchange.requestHeaders);
    return { bytes: decodedBytes, contentEncoding: null, plain: decodedBytes, changed: true };
  }

  const recordedHeader = headerValue(exchange.requestHeaders, 'content-encoding')?.trim() ?? encoding;
  return { bytes: recorded, contentEncoding: recordedHeader, plain, changed: false };
}

/** The edited plain body, or null when no edit touches the body. */
function editedBody(exchange: ExchangeDetail, edits: ReplayEdits): Buffer | null {
  const setEdits = edits.set ?? [];

  if (edits.bodyText === undefined && edits.bodyBase64 === undefined && setEdits.length === 0) {
    return null;
  }

  const base =
    edits.bodyBase64 !== undefined
      ? Buffer.from(edits.bodyBase64, 'base64')
      : edits.bodyText !== undefined
        ? Buffer.from(edits.bodyText, 'utf8')
        : requirePlainBody(exchange.id, exchange.requestBody, exchange.requestHeaders);

  if (setEdits.length === 0) {
    if (edits.allowInvalidJson !== true && expectsJson(exchange)) {
      parseJson(base, 'The edited body', 'Fix it, or confirm sending it as raw text (--allow-invalid-json on the command line).');
    }

    return base;
  }

  parseJson(base, 'The body', 'Pointer edits need a JSON body; edit the body as text instead.');
  let text = base.toString('utf8');

  // Each edit splices the text, so bytes outside the edited values, such as big integers or
  // `1.10`, go out exactly as recorded instead of being re-serialised.
  for (const edit of setEdits) {
    text = applyPointerEditToText(text, edit);
  }

  return Buffer.from(text, 'utf8');
}

/** True when the recorded request says or shows that its body is JSON. */
function expectsJson(exchange: ExchangeDetail): boolean {
  const contentType = headerValue(exchange.requestHeaders, 'content-type')?.toLowerCase() ?? '';
  return /[/+]json\b/.test(contentType) || exchange.type !== null;
}

function parseJson(bytes: Buffer, what: string, fix: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new SwitchboardError('invalid_json', `${what} is not valid JSON (${(error as Error).message}). ${fix}`);
  }
}
