import type { ReplyCheck } from '../../contract/exchange';
import { check } from './check-codes';
import { checkDestination } from './destination-checks';
import { isObject, keysInWords, kindOf } from './json-kind';

/** Top-level keys of `ServerMessageResponseAssistantRequest` that choose what answers the call. */
const SHAPE_KEYS = ['assistantId', 'assistant', 'squadId', 'squad', 'workflowId', 'workflow', 'destination', 'error'];

const ID_KEYS = ['assistantId', 'squadId', 'workflowId', 'error'];

const OBJECT_KEYS = ['assistant', 'assistantOverrides', 'squad', 'squadOverrides', 'workflow', 'workflowOverrides'];

/**
 * Fields an assistant's parts require in `CreateAssistantDto`: every model needs `provider` and
 * `model`, every voice `provider` and (except `custom-voice`) `voiceId`, every transcriber `provider`.
 */
function assistantChecks(assistant: Record<string, unknown>, pointer: string): ReplyCheck[] {
  const checks: ReplyCheck[] = [];
  const required: [part: string, fields: string[]][] = [
    ['model', ['provider', 'model']],
    ['voice', assistant.voice !== undefined && isObject(assistant.voice) && assistant.voice.provider === 'custom-voice' ? ['provider'] : ['provider', 'voiceId']],
    ['transcriber', ['provider']],
  ];

  for (const [part, fields] of required) {
    const value = assistant[part];

    if (value === undefined) {
      continue;
    }

    if (!isObject(value)) {
      checks.push(check('reply_field_not_object', { field: `${pointer.slice(1)}.${part}`, kind: kindOf(value) }, `${pointer}/${part}`));
      continue;
    }

    const missing = fields.filter((field) => typeof value[field] !== 'string' || value[field] === '');

    if (missing.length > 0) {
      checks.push(check('assistant_incomplete', { field: `${pointer.slice(1)}.${part}`, missing: missing.map((field) => `"${field}"`).join(' and ') }, `${pointer}/${part}`));
    }
  }

  return checks;
}

/** Checks an `assistant-request` reply: one of the accepted shapes, with the fields each shape needs. */
export function checkAssistantReply(body: unknown): ReplyCheck[] {
  const reply = body as Record<string, unknown>;

  if (!SHAPE_KEYS.some((key) => reply[key] !== undefined)) {
    return [check('assistant_reply_unknown', { found: keysInWords(reply) })];
  }

  const checks: ReplyCheck[] = [];

  for (const key of ID_KEYS) {
    if (reply[key] !== undefined && typeof reply[key] !== 'string') {
      checks.push(check('reply_field_not_string', { field: key, kind: kindOf(reply[key]) }, `/${key}`));
    }
  }

  for (const key of OBJECT_KEYS) {
    if (reply[key] !== undefined && !isObject(reply[key])) {
      checks.push(check('reply_field_not_object', { field: key, kind: kindOf(reply[key]) }, `/${key}`));
    }
  }

  // Vapi ignores every other key when "error" or "destination" is present.
  if (typeof reply.error === 'string') {
    return checks;
  }

  if (reply.destination !== undefined) {
    return [...checks, ...checkDestination(reply.destination, ['number', 'sip'], '/destination')];
  }

  if (isObject(reply.assistant)) {
    checks.push(...assistantChecks(reply.assistant, '/assistant'));
  }

  if (isObject(reply.squad)) {
    const members = reply.squad.members;

    if (!Array.isArray(members) || members.length === 0) {
      checks.push(check('squad_incomplete', { problem: Array.isArray(members) ? 'has no members' : `has "members" ${kindOf(members) === 'missing' ? 'missing' : `as a ${kindOf(members)}`}` }, '/squad/members'));
    } else {
      members.forEach((member: unknown, index: number) => {
        if (isObject(member) && isObject(member.assistant)) {
          checks.push(...assistantChecks(member.assistant, `/squad/members/${index}/assistant`));
        }
      });
    }
  }

  return checks;
}
