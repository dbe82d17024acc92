import type { ExchangeDetail } from '../../contract/exchange';
import type { BodyDiff, ComparedExchange, ExchangeComparison } from '../../contract/replay';
import { SwitchboardError } from '../errors';
import { plainBodyText } from './body-encoding';
import { diffJson } from './json-diff';

/**
 * Compares two exchanges: status, duration, and a JSON-aware diff of their replies and of their
 * requests, with `left` as the baseline. The exchanges must be of the same event type unless one
 * replays the other, because a replay may have had its type edited.
 */
export function compareExchanges(left: ExchangeDetail, right: ExchangeDetail): ExchangeComparison {
  const linked = left.replayOf === right.id || right.replayOf === left.id;

  if (!linked && left.type !== right.type) {
    throw new SwitchboardError(
      'not_comparable',
      `Exchange ${left.id} is ${describeType(left.type)} but exchange ${right.id} is ${describeType(right.type)}. Compare two exchanges of the same type, or a replay with its original.`,
      { left: left.id, right: right.id },
    );
  }

  const leftResponse = plainBodyText(left.responseBody, left.responseHeaders);
  const rightResponse = plainBodyText(right.responseBody, right.responseHeaders);

  return {
    left: compared(left, leftResponse),
    right: compared(right, rightResponse),
    statusChanged: left.status !== right.status,
    durationDeltaMs: left.durationMs === null || right.durationMs === null ? null : right.durationMs - left.durationMs,
    response: diffBodies(leftResponse, rightResponse, sameBytes(left.responseBody, right.responseBody)),
    request: diffBodies(
      plainBodyText(left.requestBody, left.requestHeaders),
      plainBodyText(right.requestBody, right.requestHeaders),
      sameBytes(left.requestBody, right.requestBody),
    ),
  };
}

function describeType(type: string | null): string {
  return type === null ? 'not a Vapi event' : `of type ${type}`;
}

function sameBytes(left: Uint8Array | null, right: Uint8Array | null): boolean {
  return left === null || right === null ? left === right : Buffer.compare(left, right) === 0;
}

function compared(exchange: ExchangeDetail, responseText: string | null): ComparedExchange {
  return {
    id: exchange.id,
    type: exchange.type,
    replayOf: exchange.replayOf,
    edited: exchange.edited,
    status: exchange.status,
    outcome: exchange.outcome,
    durationMs: exchange.durationMs,
    responseText,
  };
}

/** Diffs two bodies as JSON when both parse, and as whole texts otherwise; `bytesEqual` decides equality for texts. */
export function diffBodies(leftText: string | null, rightText: string | null, bytesEqual: boolean): BodyDiff {
  const left = parseJson(leftText);
  const right = parseJson(rightText);

  if (left.ok && right.ok) {
    const changes = diffJson(left.value, right.value);
    return { kind: 'json', equal: changes.length === 0, changes };
  }

  return { kind: 'text', equal: bytesEqual || (leftText !== null && leftText === rightText), leftText, rightText };
}

function parseJson(text: string | null): { ok: true; value: unknown } | { ok: false } {
  if (text === null || text.trim() === '') {
    return { ok: false };
  }

  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
