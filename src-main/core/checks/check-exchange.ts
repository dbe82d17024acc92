import type { Outcome, ReplyCheck } from '../../contract/exchange';
import type { ExchangeResult } from '../../recorder/exchange-writer';
import { readableBody } from '../body-decoding';
import { headerValue } from '../headers';
import type { JsonObject } from '../vapi-event';
import { checkReply } from './check-reply';

/** Outcomes where a reply from the target or a mock rule went back to Vapi. */
const CHECKED_OUTCOMES: readonly Outcome[] = ['forwarded', 'mocked', 'target_error'];

/**
 * The checks to record with a finished exchange. Replies that Switchboard wrote itself to report
 * its own error (marked with `X-Switchboard-Error`) are not checked, since the outcome already says what went wrong.
 */
export function checksForExchange(type: string | null, message: JsonObject | undefined, result: Omit<ExchangeResult, 'durationMs'>, durationMs: number): ReplyCheck[] {
  if (result.status === null || !CHECKED_OUTCOMES.includes(result.outcome)) {
    return [];
  }

  if (result.responseHeaders !== null && headerValue(result.responseHeaders, 'x-switchboard-error') !== undefined) {
    return [];
  }

  return checkReply({
    type,
    message,
    status: result.status,
    body: readableBody(result.responseBody ?? new Uint8Array(), result.responseHeaders),
    truncated: result.responseTruncated === true,
    durationMs,
  });
}
