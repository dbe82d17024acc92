import type { ReplyCheck } from '../../contract/exchange';
import type { JsonObject } from '../vapi-event';
import { checkAssistantReply } from './assistant-request-checks';
import { check } from './check-codes';
import { checkDeadline } from './deadline-checks';
import { checkKnowledgeBaseReply, checkTransferReply } from './destination-checks';
import { kindOf } from './json-kind';
import { checkToolCallsReply } from './tool-calls-checks';

/** One reply as it went back to Vapi, with the request it answers. */
export interface ReplyToCheck {
  /** The normalised `message.type`, or null when the request was not a Vapi event. */
  type: string | null;
  /** The request's `message`. */
  message: JsonObject | undefined;
  status: number;
  body: Uint8Array;
  /** True when only the first part of the body was kept, so its shape cannot be checked. */
  truncated: boolean;
  /** From arrival of the request to the last byte of the reply, in milliseconds. */
  durationMs: number;
}

/** Events whose reply body Vapi reads, with the checks for that body. */
const BODY_CHECKS: Record<string, (body: unknown, message: JsonObject) => ReplyCheck[]> = {
  'tool-calls': checkToolCallsReply,
  'assistant-request': checkAssistantReply,
  'transfer-destination-request': checkTransferReply,
  'knowledge-base-request': checkKnowledgeBaseReply,
};

/**
 * Checks a reply against what Vapi accepts for its event type and returns the problems found,
 * or an empty list. The reply itself is never changed.
 */
export function checkReply(reply: ReplyToCheck): ReplyCheck[] {
  if (reply.type === null || reply.message === undefined) {
    return [];
  }

  const checks = checkDeadline(reply.type, reply.message, reply.durationMs);
  const bodyChecks = BODY_CHECKS[reply.type];

  if (bodyChecks === undefined) {
    return checks;
  }

  if (reply.status !== 200) {
    checks.push(check('reply_status', { status: reply.status, type: reply.type }));
  }

  if (reply.truncated) {
    return checks;
  }

  const parsed = parseBody(reply.body);

  if (parsed.error !== null) {
    checks.push(check('reply_not_json', { type: reply.type, reason: parsed.error }));
    return checks;
  }

  if (kindOf(parsed.value) !== 'object') {
    checks.push(check('reply_not_object', { kind: kindOf(parsed.value) }));
    return checks;
  }

  return [...checks, ...bodyChecks(parsed.value, reply.message)];
}

function parseBody(body: Uint8Array): { value: unknown; error: null } | { value: null; error: string } {
  if (body.byteLength === 0) {
    return { value: null, error: 'the body is empty' };
  }

  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { value: JSON.parse(text) as unknown, error: null };
  } catch (error) {
    return { value: null, error: error instanceof SyntaxError ? error.message : 'the bytes are not UTF-8 text' };
  }
}
