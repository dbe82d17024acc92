import type { HeaderPair, VapiFields } from '../contract/exchange';
import { readableBody } from './body-decoding';
import { callFactsOf, type CallFacts } from './call-facts';
import { leadingEventType } from './leading-event-type';
import { parseVapiMessage, vapiFieldsOf, type JsonObject } from './vapi-event';

/** A received body read as a Vapi event: its `message` and what Switchboard records of it. */
export interface ParsedEvent {
  message: JsonObject | undefined;
  fields: VapiFields;
  callFacts: CallFacts;
}

/** The part of a received body that the live path reads before forwarding it. */
export interface ReceivedEvent {
  type: string | null;
  /** The whole event, or null when only the type was read and the recording thread parses the rest. */
  parsed: ParsedEvent | null;
}

/**
 * Parses a body as a Vapi event. A compressed event is stored compressed but read decoded, so it
 * joins its call and mock rules can match it.
 */
export function parseEvent(body: Uint8Array, headers: readonly HeaderPair[], maxDecodedBytes?: number): ParsedEvent {
  return eventFrom(readableBody(body, headers, maxDecodedBytes));
}

/** Reads a Vapi event from bytes that are already decoded. */
function eventFrom(readable: Uint8Array): ParsedEvent {
  const message = parseVapiMessage(readable);
  return { message, fields: vapiFieldsOf(message), callFacts: callFactsOf(message) };
}

/**
 * Reads as little of a received body as forwarding needs: only the event type, unless mock rules
 * need the whole event (`needMessage`), the body is compressed, or the type is not near its start.
 */
export function readReceivedEvent(body: Uint8Array, headers: readonly HeaderPair[], maxDecodedBytes: number, needMessage: boolean): ReceivedEvent {
  const readable = readableBody(body, headers, maxDecodedBytes);

  if (!needMessage && readable === body) {
    const type = leadingEventType(body);

    if (type !== undefined) {
      return { type, parsed: null };
    }
  }

  const parsed = eventFrom(readable);
  return { type: parsed.fields.type, parsed };
}
