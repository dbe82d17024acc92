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

/**
 * Returns the parsed request body for the search index, when the recording thread has it. Vapi
 * envelopes contain only `message`, so a wrapper around it takes the place of the parsed root.
 */
export function parsedRequestOf(completed: CompletedExchange): unknown {
  return completed.message === null || completed.message === undefined ? undefined : { message: completed.message };
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
