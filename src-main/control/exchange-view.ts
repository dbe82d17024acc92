import type { ExchangeDetail } from '../contract/exchange';
import type { ExchangeView } from '../contract/inspector';
import { decodeBodyForDisplay } from '../core/body-decoding';
import { exchangeDetailJson } from '../core/exchange-json';

/** Builds an exchange for the detail pane: the exact bytes, plus bodies with their `Content-Encoding` undone. */
export function exchangeView(exchange: ExchangeDetail): ExchangeView {
  return {
    ...exchangeDetailJson(exchange),
    requestDecoded: decodeBodyForDisplay(exchange.requestBody, exchange.requestHeaders),
    responseDecoded: decodeBodyForDisplay(exchange.responseBody, exchange.responseHeaders),
  };
}
