import { isUtf8 } from 'node:buffer';
import type { ExchangeDetailJson } from '../contract/api';
import type { ExchangeDetail } from '../contract/exchange';

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Text of a body when its bytes are valid UTF-8, otherwise null. */
export function bodyText(bytes: Uint8Array | null): string | null {
  return bytes !== null && isUtf8(bytes) ? asBuffer(bytes).toString('utf8') : null;
}

/** An exchange as JSON: bodies as text where they are UTF-8, and always as base64 for the exact bytes. */
export function exchangeDetailJson(exchange: ExchangeDetail): ExchangeDetailJson {
  return {
    ...exchange,
    requestBody: bodyText(exchange.requestBody),
    requestBodyBase64: asBuffer(exchange.requestBody).toString('base64'),
    responseBody: bodyText(exchange.responseBody),
    responseBodyBase64: exchange.responseBody === null ? null : asBuffer(exchange.responseBody).toString('base64'),
  };
}
