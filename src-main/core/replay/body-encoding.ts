import { isUtf8 } from 'node:buffer';
import zlib from 'node:zlib';
import type { HeaderPair } from '../../contract/exchange';
import { SwitchboardError } from '../errors';
import { headerValue } from '../headers';

/** A body with its `Content-Encoding` undone, or the reason it could not be. */
export type PlainBody = { ok: true; bytes: Buffer } | { ok: false; reason: string };

/** The `Content-Encoding` of a header list, lower-cased and trimmed, or null when absent or `identity`. */
export function contentEncodingOf(headers: readonly HeaderPair[]): string | null {
  const value = headerValue(headers, 'content-encoding')?.trim().toLowerCase();
  return value === undefined || value === '' || value === 'identity' ? null : value;
}

/** Undoes gzip, deflate or br. Other encodings, and stacked ones such as `gzip, br`, are reported as not decodable. */
export function decodeBody(bytes: Uint8Array, encoding: string | null): PlainBody {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  if (encoding === null) {
    return { ok: true, bytes: buffer };
  }

  try {
    switch (encoding) {
      case 'gzip':
      case 'x-gzip':
        return { ok: true, bytes: zlib.gunzipSync(buffer) };
      case 'deflate':
        return { ok: true, bytes: inflateEitherForm(buffer) };
      case 'br':
        return { ok: true, bytes: zlib.brotliDecompressSync(buffer) };
      default:
        return { ok: false, reason: `the encoding "${encoding}" is not one Switchboard decodes (gzip, deflate, br)` };
    }
  } catch (error) {
    return { ok: false, reason: `the ${encoding} data is invalid: ${(error as Error).message}` };
  }
}

/** HTTP `deflate` should be zlib-wrapped, but some servers send raw deflate, so both are accepted. */
function inflateEitherForm(buffer: Buffer): Buffer {
  try {
    return zlib.inflateSync(buffer);
  } catch {
    return zlib.inflateRawSync(buffer);
  }
}

/** The decoded body as UTF-8 text, or null when decoding fails or the bytes are not UTF-8. */
export function plainBodyText(bytes: Uint8Array | null, headers: readonly HeaderPair[] | null): string | null {
  if (bytes === null) {
    return null;
  }

  const plain = decodeBody(bytes, contentEncodingOf(headers ?? []));
  return plain.ok && isUtf8(plain.bytes) ? plain.bytes.toString('utf8') : null;
}

/** The decoded body of a recorded request; throws `undecodable_body` naming the exchange when that fails. */
export function requirePlainBody(exchangeId: number, bytes: Uint8Array, headers: readonly HeaderPair[]): Buffer {
  const plain = decodeBody(bytes, contentEncodingOf(headers));

  if (!plain.ok) {
    throw new SwitchboardError(
      'undecodable_body',
      `The body of exchange ${exchangeId} cannot be edited because ${plain.reason}. Replay it unedited, or give the whole new body as text.`,
      { exchangeId },
    );
  }

  return plain.bytes;
}
