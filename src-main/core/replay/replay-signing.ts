import type { AuthConfig } from '../../contract/auth';
import type { HeaderPair } from '../../contract/exchange';
import type { RequestAuth } from '../auth/request-auth';

/** The outgoing request as a signer sees it: the exact bytes and the headers prepared so far. */
export interface SignableRequest {
  method: string;
  /** The full URL the request goes to, for payload formats that include `{url}`. */
  url: string;
  /** The path the original event arrived on; it selects the per-path rule, whatever path the target gets. */
  receivedPath?: string;
  headers: readonly HeaderPair[];
  body: Uint8Array;
}

/** A signed request: the headers to send and the scheme's name, recorded as the replay's `signature`. */
export interface SignedHeaders {
  headers: HeaderPair[];
  /** Such as `hmac-sha256` or `secret`. */
  scheme: string;
}

/**
 * Signs one outgoing request for the bytes it carries, with a fresh timestamp where the scheme
 * has one. Returns null when no secret applies, so the recorded headers go out as they are.
 */
export type ReplaySigner = (request: SignableRequest) => SignedHeaders | null | Promise<SignedHeaders | null>;

/** How replays treat signatures. */
export interface ReplaySigning {
  /** Absent when replays are never signed; the recorded headers are then sent unchanged. */
  sign?: ReplaySigner;
  /** Lower-case names of headers whose value is computed over the body, so an edit makes them stale. */
  bodySignatureHeaders: readonly string[];
}

/** Vapi's HMAC credential puts its signature in `x-signature` unless configured otherwise. */
export const DEFAULT_BODY_SIGNATURE_HEADERS: readonly string[] = ['x-signature'];

/**
 * Builds the signing that replays use from the engine's authentication settings. Every replay
 * path (control API, CLI, whole-call runs) gets its signing here, so configured secrets reach all
 * of them. Without an `auth`, replays are never signed.
 */
export function replaySigningFor(auth: RequestAuth | null): ReplaySigning {
  if (auth === null) {
    return { bodySignatureHeaders: DEFAULT_BODY_SIGNATURE_HEADERS };
  }

  const configs: AuthConfig[] = [auth.settings.default, ...auth.settings.paths.map((rule) => rule.config)];
  const hmacHeaders = configs.flatMap((config) => (config.scheme === 'hmac' ? [config.signatureHeader.toLowerCase()] : []));

  return {
    bodySignatureHeaders: [...new Set([...DEFAULT_BODY_SIGNATURE_HEADERS, ...hmacHeaders])],
    sign: (request) => {
      const signed = auth.sign(request, {}, request.receivedPath);
      return signed === null ? null : { headers: signed.headers, scheme: signed.signature };
    },
  };
}
