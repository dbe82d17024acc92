import { isUtf8 } from 'node:buffer';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { HeaderPair } from '../contract/exchange';
import type { DecodedBody } from '../contract/inspector';
import { headerValue } from './headers';

/** Largest decoded size shown, in bytes, so a compressed bomb cannot exhaust memory. */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

function decodeOne(encoding: string, bytes: Buffer): Buffer {
  const options = { maxOutputLength: MAX_DECODED_BYTES };

  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(bytes, options);
    case 'br':
      return brotliDecompressSync(bytes, options);
    case 'deflate':
      // Servers send `deflate` both with the zlib wrapper, as RFC 9110 defines it, and without it.
      try {
        return inflateSync(bytes, options);
      } catch {
        return inflateRawSync(bytes, options);
      }
    default:
      throw new Error(`the encoding "${encoding}" is not supported`);
  }
}

/**
 * Undoes the `Content-Encoding` of a body for display. Returns null when the body is not encoded,
 * and a result with `error` when decoding failed; the stored bytes are never changed.
 */
export function decodeBodyForDisplay(bytes: Uint8Array | null, headers: readonly HeaderPair[] | null): DecodedBody | null {
  const header = headers === null ? undefined : headerValue(headers, 'content-encoding');
  const encodings = (header ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '' && part !== 'identity');

  if (bytes === null || bytes.byteLength === 0 || encodings.length === 0) {
    return null;
  }

  const encoding = encodings.join(', ');

  try {
    // Encodings are listed in the order they were applied, so they are undone from the last.
    const decoded = encodings.reduceRight((current, name) => decodeOne(name, current), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

    return {
      encoding,
      text: isUtf8(decoded) ? decoded.toString('utf8') : null,
      base64: decoded.toString('base64'),
      size: decoded.byteLength,
      error: null,
    };
  } catch (error) {
    return { encoding, text: null, base64: null, size: null, error: (error as Error).message };
  }
}
