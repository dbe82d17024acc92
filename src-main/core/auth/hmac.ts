import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { HmacAlgorithm, SignatureEncoding } from '../../contract/auth';

/** Digest sizes in bytes, used to tell which algorithm produced a signature. */
export const DIGEST_BYTES: Record<HmacAlgorithm, number> = { sha1: 20, sha256: 32, sha512: 64 };

export const HMAC_ALGORITHMS: readonly HmacAlgorithm[] = ['sha256', 'sha512', 'sha1'];

/** True for standard or URL-safe base64, padded or not. */
export function isBase64Text(text: string): boolean {
  return text.length > 0 && text.length % 4 !== 1 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(text);
}

/** Returns the key bytes of an HMAC secret: the UTF-8 text, or the decoded bytes when it is base64. */
export function secretKeyBytes(secretKey: string, secretIsBase64: boolean): Buffer {
  return secretIsBase64 ? Buffer.from(secretKey, 'base64') : Buffer.from(secretKey, 'utf8');
}

export function computeHmac(algorithm: HmacAlgorithm, key: Buffer, payload: Buffer): Buffer {
  return createHmac(algorithm, key).update(payload).digest();
}

export function encodeSignature(digest: Buffer, encoding: SignatureEncoding): string {
  return digest.toString(encoding);
}

/** Decodes a received signature; null when the text is not valid in that encoding. */
export function decodeSignature(text: string, encoding: SignatureEncoding): Buffer | null {
  if (encoding === 'hex') {
    return /^(?:[0-9a-fA-F]{2})+$/.test(text) ? Buffer.from(text, 'hex') : null;
  }

  return isBase64Text(text) ? Buffer.from(text, 'base64') : null;
}

/** Compares two byte strings in time that depends only on their lengths. */
export function bytesEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Compares two secrets in constant time. Both sides are hashed first, so neither the time nor an
 * early exit reveals the length of the expected secret.
 */
export function secretsEqual(received: string, expected: string): boolean {
  const left = createHash('sha256').update(received, 'utf8').digest();
  const right = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(left, right);
}
