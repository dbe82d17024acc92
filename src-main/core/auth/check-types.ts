import type { AuthCheck } from '../../contract/auth';
import type { HeaderPair } from '../../contract/exchange';
import type { PayloadParts } from './payload';

/** The parts of a received request that authentication reads. */
export interface AuthRequest {
  method: string;
  /** Path and query exactly as received. */
  rawUrl: string;
  headers: readonly HeaderPair[];
  /** The exact body bytes. */
  body: Uint8Array;
  /** Epoch milliseconds when the request arrived; the timestamp tolerance is measured from it. */
  receivedAt: number;
}

/** A check before the scheme and path rule are filled in. */
export type SchemeCheck = Omit<AuthCheck, 'scheme' | 'pathRule'>;

/** One way to build the signed bytes, and the HMAC the configured secret gives for them. */
export interface HmacAttempt {
  parts: PayloadParts;
  bytes: Buffer;
  digest: Buffer;
}
