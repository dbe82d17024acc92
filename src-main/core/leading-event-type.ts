import { normaliseEventType } from './vapi-event';

/** How far into a body the scan looks for `message.type` before the caller parses it whole. */
const SCAN_LIMIT_BYTES = 64 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MESSAGE_KEY = Buffer.from('message');
const TYPE_KEY = Buffer.from('type');

/**
 * Reads `message.type` from the first 64 KiB of a JSON body without parsing the rest. For a
 * multi-megabyte end-of-call report that saves milliseconds on the thread that forwards calls. Vapi
 * puts `type` first, so the scan usually stops within a few dozen bytes. Returns undefined when it
 * cannot tell (no such member in reach, an escaped key, or not JSON), and the caller then parses
 * the body. NOTE: with a duplicated `type` key this returns the first, where JSON.parse keeps the last.
 */
export function leadingEventType(body: Uint8Array): string | undefined {
  const bytes = body.subarray(0, SCAN_LIMIT_BYTES);
  const start = skipSpace(bytes, 0);

  if (bytes[start] !== OPEN_BRACE) {
    return undefined;
  }

  const message = memberValueStart(bytes, start, MESSAGE_KEY);

  if (message < 0 || bytes[message] !== OPEN_BRACE) {
    return undefined;
  }

  const type = memberValueStart(bytes, message, TYPE_KEY);
  const typeEnd = type < 0 || bytes[type] !== QUOTE ? -1 : stringEnd(bytes, type);

  if (typeEnd < 0) {
    return undefined;
  }

  const text = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + type, typeEnd - type).toString('utf8')) as string;
  return text === '' ? undefined : normaliseEventType(text);
}

/** Finds where the value of `key` starts in the object that opens at `objectStart`, or returns -1. */
function memberValueStart(bytes: Uint8Array, objectStart: number, key: Buffer): number {
  let index = skipSpace(bytes, objectStart + 1);

  while (index < bytes.length && bytes[index] === QUOTE) {
    const keyEnd = stringEnd(bytes, index);

    if (keyEnd < 0) {
      return -1;
    }

    const matches = keyEnd - index - 2 === key.length && key.equals(bytes.subarray(index + 1, keyEnd - 1));
    index = skipSpace(bytes, keyEnd);

    if (bytes[index] !== COLON) {
      return -1;
    }

    index = skipSpace(bytes, index + 1);

    if (matches) {
      return index;
    }

    const valueEnd = valueEndAt(bytes, index);

    if (valueEnd < 0) {
      return -1;
    }

    index = skipSpace(bytes, valueEnd);

    if (bytes[index] !== COMMA) {
      return -1;
    }

    index = skipSpace(bytes, index + 1);
  }

  return -1;
}

/** Returns the index just past the JSON value that starts at `start`, or -1 when it runs past the bytes. */
function valueEndAt(bytes: Uint8Array, start: number): number {
  const first = bytes[start];

  if (first === QUOTE) {
    return stringEnd(bytes, start);
  }

  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let index = start;

    while (index < bytes.length && !isDelimiter(bytes[index] as number)) {
      index += 1;
    }

    return index < bytes.length ? index : -1;
  }

  let depth = 0;

  for (let index = start; index < bytes.length; index += 1) {
    const byte = bytes[index];

    if (byte === QUOTE) {
      const end = stringEnd(bytes, index);

      if (end < 0) {
        return -1;
      }

      index = end - 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;

      if (depth === 0) {
        return index + 1;
      }
    }
  }

  return -1;
}

/** Returns the index just past the string that opens at `start`, or -1 when it is not closed in reach. */
function stringEnd(bytes: Uint8Array, start: number): number {
  for (let index = start + 1; index < bytes.length; index += 1) {
    if (bytes[index] === BACKSLASH) {
      index += 1;
    } else if (bytes[index] === QUOTE) {
      return index + 1;
    }
  }

  return -1;
}

function skipSpace(bytes: Uint8Array, start: number): number {
  let index = start;

  while (index < bytes.length && isSpace(bytes[index] as number)) {
    index += 1;
  }

  return index;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

function isDelimiter(byte: number): boolean {
  return byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isSpace(byte);
}
