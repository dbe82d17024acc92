import type { HeaderPair } from '../../contract/exchange';
import { withoutHopByHop } from '../headers';
import type { ReplaySigning } from './replay-signing';

/** Recorded value of the `signature` column when an edit broke a signature that no signer renewed. */
export const STALE_SIGNATURE = 'stale';

/** Recorded value of the `signature` column when the original signature went out with the original bytes. */
export const ORIGINAL_SIGNATURE = 'original';

export interface ReplayHeaderInput {
  /** The recorded headers, or the user's edited list. */
  headers: readonly HeaderPair[];
  method: string;
  /** The full URL the replay goes to. */
  url: string;
  /** The path the original event arrived on, which selects the per-path authentication rule. */
  receivedPath: string;
  /** The `Host` value for the target. */
  targetHost: string;
  /** The exact bytes that will be sent. */
  body: Uint8Array;
  /** The `Content-Encoding` of `body`: the recorded one when the original compressed bytes go out, null for plain bytes. */
  contentEncoding: string | null;
  /** True when `body` differs from the recorded body. */
  bodyChanged: boolean;
  signing: ReplaySigning;
}

export interface PreparedHeaders {
  headers: HeaderPair[];
  /** What to record in the replay's `signature` column. */
  signature: string | null;
}

/** Headers every replay sets itself from what it sends, so a recorded or edited value never goes out. */
const SET_BY_REPLAY = new Set(['host', 'content-length', 'content-encoding']);

/**
 * Builds the headers of one replay. All outgoing replay headers pass through here: hop-by-hop
 * headers are dropped, `Host` names the target, `Content-Length` and `Content-Encoding` describe the
 * bytes actually sent, and the configured signer, when there is one, signs the result. An edited
 * body that still carries its recorded body signature is marked stale.
 */
export async function prepareReplayHeaders(input: ReplayHeaderInput): Promise<PreparedHeaders> {
  const kept = withoutHopByHop(input.headers).filter(([name]) => !SET_BY_REPLAY.has(name.toLowerCase()));
  const headers: HeaderPair[] = [['Host', input.targetHost], ...kept];

  if (input.contentEncoding !== null) {
    headers.push(['Content-Encoding', input.contentEncoding]);
  }

  if (input.body.byteLength > 0 || !['GET', 'HEAD'].includes(input.method.toUpperCase())) {
    headers.push(['Content-Length', String(input.body.byteLength)]);
  }

  const signed = input.signing.sign === undefined ? null : await input.signing.sign({ method: input.method, url: input.url, receivedPath: input.receivedPath, headers, body: input.body });
  const sent = signed?.headers ?? headers;
  const signatureNames = new Set(input.signing.bodySignatureHeaders.map((name) => name.toLowerCase()));

  // A recorded body signature that goes out unchanged over edited bytes no longer matches them,
  // even when another scheme (a shared secret, say) signed the request.
  const recordedSignatureSent = sent.some(([name, value]) => signatureNames.has(name.toLowerCase()) && recordedValues(input.headers, name).includes(value));

  if (input.bodyChanged && recordedSignatureSent) {
    return { headers: sent, signature: STALE_SIGNATURE };
  }

  if (signed !== null) {
    return { headers: sent, signature: signed.scheme };
  }

  return { headers: sent, signature: recordedSignatureSent ? ORIGINAL_SIGNATURE : null };
}

function recordedValues(headers: readonly HeaderPair[], name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter(([candidate]) => candidate.toLowerCase() === lower).map(([, value]) => value);
}

/** The names of recorded headers whose value depends on the body, in their recorded spelling. */
export function bodySignatureHeadersIn(headers: readonly HeaderPair[], signing: ReplaySigning): string[] {
  const signatureNames = new Set(signing.bodySignatureHeaders.map((name) => name.toLowerCase()));
  return headers.filter(([name]) => signatureNames.has(name.toLowerCase())).map(([name]) => name);
}
