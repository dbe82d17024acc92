import { checksForExchange } from '../../core/checks/check-exchange';
import { parseEvent } from '../../core/received-event';
import type { JsonObject } from '../../core/vapi-event';
import type { ExchangeResult, NewExchange } from '../exchange-writer';
import type { ExchangeToRecord } from './recording-protocol';

/** A request ready to write, with its `message` when the recording thread parsed it. */
export interface CompletedExchange {
  exchange: NewExchange;
  /** The parsed `message`, or null when the main thread parsed the event and checked its reply. */
  message: JsonObject | undefined | null;
}

/** Parses the event of a request that the main thread handed over unparsed. */
export function completeExchange(exchange: ExchangeToRecord): CompletedExchange {
  if (exchange.fields !== undefined && exchange.callFacts !== undefined) {
    return { exchange: { ...exchange, fields: exchange.fields, callFacts: exchange.callFacts }, message: null };
  }

  const event = parseEvent(exchange.requestBody, exchange.requestHeaders);
  return { exchange: { ...exchange, fields: event.fields, callFacts: event.callFacts }, message: event.message };
}

/** Adds the reply checks to a result that the main thread could not check, having not parsed the event. */
export function checkedResult(completed: CompletedExchange, result: ExchangeResult): ExchangeResult {
  if (result.checks !== undefined || completed.message === null) {
    return result;
  }

  return { ...result, checks: checksForExchange(completed.exchange.fields.type, completed.message, result, result.durationMs) };
}
