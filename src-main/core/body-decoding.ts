import { isUtf8 } from 'node:buffer';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { HeaderPair } from '../contract/exchange';
import type { DecodedBody } from '../contract/inspector';
import { headerValue } from './headers';

/** Largest decoded size shown, in bytes, so a compressed bomb cannot exhaust memory. */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

function decodeOne(encoding: string, bytes: Buffer, maxBytes: number): Buffer {
  const options = { maxOutputLength: maxBytes };

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

function contentEncodings(headers: readonly HeaderPair[] | null): string[] {
  const header = headers === null ? undefined : headerValue(headers, 'content-encoding');
  return (header ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '' && part !== 'identity');
}

/**
 * Undoes every `Content-Encoding` of a body, up to `maxBytes` of output. Returns null when the body
 * is not encoded; throws when decoding fails or the output would pass `maxBytes`.
 */
export function decodeContentEncoding(bytes: Uint8Array, headers: readonly HeaderPair[] | null, maxBytes = MAX_DECODED_BYTES): Buffer | null {
  const encodings = contentEncodings(headers);

  if (bytes.byteLength === 0 || encodings.length === 0) {
    return null;
  }

  // Encodings are listed in the order they were applied, so they are undone from the last.
  return encodings.reduceRight((current, name) => decodeOne(name, current, maxBytes), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/**
 * Undoes the `Content-Encoding` of a body for display. Returns null when the body is not encoded,
 * and a result with `error` when decoding failed; the stored bytes are never changed.
 */
export function decodeBodyForDisplay(bytes: Uint8Array | null, headers: readonly HeaderPair[] | null): DecodedBody | null {
  const encodings = contentEncodings(headers);

  if (bytes === null || bytes.byteLength === 0 || encodings.length === 0) {
    return null;
  }

  const encoding = encodings.join(', ');

  try {
    const decoded = decodeContentEncoding(bytes, headers) as Buffer;

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

/**
 * The bytes to read a body's content from: decoded when it has a `Content-Encoding`, as received
 * otherwise, and as received when decoding fails, so a reader never throws on a damaged body.
 */
export function readableBody(bytes: Uint8Array, headers: readonly HeaderPair[] | null, maxBytes = MAX_DECODED_BYTES): Uint8Array {
  try {
    return decodeContentEncoding(bytes, headers, maxBytes) ?? bytes;
  } catch {
    return bytes;
  }
}
