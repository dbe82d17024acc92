import { isUtf8 } from 'node:buffer';
import type { SignedPayload } from '../../contract/auth';

/** The values that fill a payload format's placeholders. */
export interface PayloadParts {
  /** The exact body bytes. */
  body: Uint8Array;
  /** The timestamp exactly as sent in its header. */
  timestamp: string | null;
  method: string;
  url: string | null;
  messageId: string | null;
}

/**
 * Builds the bytes an HMAC covers. Literal text and the text placeholders are UTF-8; `{body}` is
 * the body's bytes unchanged, because re-encoding it would break signatures over non-UTF-8 or
 * re-serialised JSON.
 */
export function renderPayload(format: string, parts: PayloadParts): Buffer {
  const chunks: Buffer[] = [];
  let last = 0;

  for (const match of format.matchAll(/\{(timestamp|body|method|url|svix-id)\}/g)) {
    chunks.push(Buffer.from(format.slice(last, match.index), 'utf8'));
    chunks.push(placeholderBytes(match[1] as string, parts));
    last = match.index + match[0].length;
  }

  chunks.push(Buffer.from(format.slice(last), 'utf8'));
  return Buffer.concat(chunks);
}

function placeholderBytes(name: string, parts: PayloadParts): Buffer {
  switch (name) {
    case 'body':
      return Buffer.from(parts.body.buffer, parts.body.byteOffset, parts.body.byteLength);
    case 'timestamp':
      return Buffer.from(parts.timestamp ?? '', 'utf8');
    case 'method':
      return Buffer.from(parts.method, 'utf8');
    case 'url':
      return Buffer.from(parts.url ?? '', 'utf8');
    default:
      return Buffer.from(parts.messageId ?? '', 'utf8');
  }
}

/** Describes the signed bytes in the form the detail pane and `switchboard sign --json` show. */
export function signedPayload(format: string, bytes: Buffer, parts: PayloadParts): SignedPayload {
  return {
    payloadFormat: format,
    bytesBase64: bytes.toString('base64'),
    text: isUtf8(bytes) ? bytes.toString('utf8') : null,
    url: format.includes('{url}') ? parts.url : null,
    timestamp: format.includes('{timestamp}') ? parts.timestamp : null,
  };
}
