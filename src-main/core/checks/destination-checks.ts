import type { ReplyCheck } from '../../contract/exchange';
import { check } from './check-codes';
import { isObject, keysInWords, kindOf } from './json-kind';

/** The field each destination type requires, from `TransferDestinationNumber`, `...Sip` and `...Assistant`. */
const DESTINATION_FIELDS: Record<string, string> = { number: 'number', sip: 'sipUri', assistant: 'assistantName' };

/** Checks a transfer destination; `allowedTypes` differs between assistant-request and transfer-destination-request. */
export function checkDestination(destination: unknown, allowedTypes: string[], pointer: string): ReplyCheck[] {
  const allowed = allowedTypes.map((type) => `"${type}"`).join(' or ');

  if (!isObject(destination)) {
    return [check('destination_invalid', { problem: `is a ${kindOf(destination)}, not an object`, allowed }, pointer)];
  }

  const type = destination.type;

  if (typeof type !== 'string' || !allowedTypes.includes(type)) {
    const problem = type === undefined ? 'has no "type"' : `has type ${JSON.stringify(type)}, which Vapi does not accept here`;
    return [check('destination_invalid', { problem, allowed }, `${pointer}/type`)];
  }

  const field = DESTINATION_FIELDS[type] as string;
  const value = destination[field];

  if (typeof value !== 'string' || value === '') {
    return [check('destination_invalid', { problem: `of type "${type}" has no "${field}" string`, allowed }, `${pointer}/${field}`)];
  }

  return [];
}

/** Checks a `transfer-destination-request` reply: a destination, or an error saying why not. */
export function checkTransferReply(body: unknown): ReplyCheck[] {
  const reply = body as Record<string, unknown>;
  const checks: ReplyCheck[] = [];

  if (reply.error !== undefined && typeof reply.error !== 'string') {
    checks.push(check('reply_field_not_string', { field: 'error', kind: kindOf(reply.error) }, '/error'));
  }

  if (reply.destination !== undefined) {
    checks.push(...checkDestination(reply.destination, ['assistant', 'number', 'sip'], '/destination'));
  } else if (reply.error === undefined) {
    checks.push(check('transfer_reply_empty', { found: keysInWords(reply) }));
  }

  return checks;
}

/** Checks a `knowledge-base-request` reply: documents with content and similarity, or a custom message. */
export function checkKnowledgeBaseReply(body: unknown): ReplyCheck[] {
  const reply = body as Record<string, unknown>;

  if (reply.documents === undefined && reply.message === undefined) {
    return [check('knowledge_reply_invalid', { problem: `has neither "documents" nor "message" (it has ${keysInWords(reply)})` })];
  }

  const checks: ReplyCheck[] = [];

  if (reply.message !== undefined && !(isObject(reply.message) && reply.message.type === 'custom-message')) {
    checks.push(check('knowledge_reply_invalid', { problem: 'has a "message" that is not {"type": "custom-message", ...}' }, '/message'));
  }

  if (reply.documents === undefined) {
    return checks;
  }

  if (!Array.isArray(reply.documents)) {
    return [...checks, check('knowledge_reply_invalid', { problem: `has "documents" as a ${kindOf(reply.documents)}, not an array` }, '/documents')];
  }

  reply.documents.forEach((document: unknown, index: number) => {
    const where = `/documents/${index}`;

    if (!isObject(document) || typeof document.content !== 'string') {
      checks.push(check('knowledge_reply_invalid', { problem: `has documents[${index}] without a "content" string` }, `${where}/content`));
    } else if (typeof document.similarity !== 'number') {
      checks.push(check('knowledge_reply_invalid', { problem: `has documents[${index}] without a "similarity" number` }, `${where}/similarity`));
    }
  });

  return checks;
}
