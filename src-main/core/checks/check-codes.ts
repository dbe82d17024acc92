import type { CheckSeverity, ReplyCheck } from '../../contract/exchange';

/**
 * Every reply check: its code, severity and message (what is wrong and the fix). The reply
 * shapes come from the types in `@vapi-ai/server-sdk` 2.0.1 (`ServerMessageResponse*`,
 * `ToolCallResult`, `KnowledgeBaseResponseDocument`, `TransferDestination*`), and the 7.5 s
 * assistant-request limit and the 20 s default `server.timeoutSeconds` from Vapi's server-URL docs.
 */
export const CHECK_TABLE = {
  reply_status: {
    severity: 'failure',
    message: (p: { status: number; type: string }) => `The reply status is ${p.status}, but Vapi uses a ${p.type} reply only with status 200. Answer 200 and put any error in the body.`,
  },
  reply_not_json: {
    severity: 'failure',
    message: (p: { type: string; reason: string }) => `The reply body is not JSON (${p.reason}). Vapi reads a ${p.type} reply as a JSON object; send one with Content-Type: application/json.`,
  },
  reply_not_object: {
    severity: 'failure',
    message: (p: { kind: string }) => `The reply body is a JSON ${p.kind}, not an object. Vapi reads the bare object, such as {"results": [...]}, not wrapped in anything else.`,
  },
  tool_results_missing: {
    severity: 'failure',
    message: (p: { found: string }) => `"results" is ${p.found}. Reply {"results": [{"toolCallId": "...", "name": "...", "result": "..."}]} with one entry per tool call.`,
  },
  tool_result_no_id: {
    severity: 'failure',
    message: (p: { index: number; expected: string }) => `results[${p.index}] has no "toolCallId", so Vapi cannot tell which call it answers. Copy the id from message.toolCallList (${p.expected}).`,
  },
  tool_result_unknown_id: {
    severity: 'failure',
    message: (p: { index: number; got: string; expected: string }) =>
      `results[${p.index}].toolCallId is "${p.got}", which is not in the request (the request has ${p.expected}). Use the id from message.toolCallList, not one you make up.`,
  },
  tool_call_unanswered: {
    severity: 'failure',
    message: (p: { id: string; name: string }) => `Tool call "${p.id}" (${p.name}) has no entry in "results", so the model gets no result for it. Add {"toolCallId": "${p.id}", "name": "${p.name}", "result": "..."}.`,
  },
  tool_result_duplicate: {
    severity: 'warning',
    message: (p: { index: number; id: string }) => `results[${p.index}] answers tool call "${p.id}" a second time. Send one entry per tool call.`,
  },
  tool_result_no_name: {
    severity: 'warning',
    message: (p: { index: number; name: string }) => `results[${p.index}] has no "name"; Vapi's ToolCallResult type requires the function name. Add "name": "${p.name}".`,
  },
  tool_result_no_value: {
    severity: 'failure',
    message: (p: { index: number }) => `results[${p.index}] has neither "result" nor "error". Add "result" with the text the model should read, or "error" when the tool failed.`,
  },
  tool_result_not_string: {
    severity: 'failure',
    message: (p: { index: number; field: string; kind: string }) =>
      `results[${p.index}].${p.field} is a ${p.kind}, but Vapi expects a string. Send the value as text, for example JSON.stringify(value).`,
  },
  tool_result_multiline: {
    severity: 'warning',
    message: (p: { index: number; field: string }) => `results[${p.index}].${p.field} spans several lines; Vapi expects a single-line string. Replace the line breaks with spaces.`,
  },
  assistant_reply_unknown: {
    severity: 'failure',
    message: (p: { found: string }) =>
      `The reply has none of the keys Vapi reads for an assistant-request (assistantId, assistant, squadId, squad, workflowId, workflow, destination, error); it has ${p.found}. Reply {"assistantId": "..."} or one of the other shapes.`,
  },
  reply_field_not_string: {
    severity: 'failure',
    message: (p: { field: string; kind: string }) => `"${p.field}" is a ${p.kind}, but Vapi expects a string. Send it as text.`,
  },
  reply_field_not_object: {
    severity: 'failure',
    message: (p: { field: string; kind: string }) => `"${p.field}" is a ${p.kind}, but Vapi expects an object.`,
  },
  assistant_incomplete: {
    severity: 'failure',
    message: (p: { field: string; missing: string }) => `"${p.field}" has no ${p.missing}, which Vapi requires there. Add it, or leave "${p.field}" out to use the default.`,
  },
  squad_incomplete: {
    severity: 'failure',
    message: (p: { problem: string }) => `The squad ${p.problem}. A squad is {"members": [{"assistantId": "..."}, ...]} with at least one member.`,
  },
  destination_invalid: {
    severity: 'failure',
    message: (p: { problem: string; allowed: string }) => `"destination" ${p.problem}. Vapi accepts {"type": ${p.allowed}} with "number" for a number, "sipUri" for sip and "assistantName" for assistant.`,
  },
  transfer_reply_empty: {
    severity: 'failure',
    message: (p: { found: string }) => `The reply has neither "destination" nor "error" (it has ${p.found}), so Vapi does not transfer. Reply {"destination": {"type": "number", "number": "+1..."}} or {"error": "why not"}.`,
  },
  knowledge_reply_invalid: {
    severity: 'failure',
    message: (p: { problem: string }) => `The knowledge-base reply ${p.problem}. Vapi reads {"documents": [{"content": "...", "similarity": 0.9}]} or {"message": {"type": "custom-message", "content": "..."}}.`,
  },
  reply_slow: {
    severity: 'warning',
    message: (p: { ms: number; limitMs: number }) =>
      `The reply took ${p.ms} ms. Vapi ends the call when an assistant-request reply takes more than ${p.limitMs} ms end to end, and the tunnel adds its own delay; aim under 6000 ms.`,
  },
  reply_too_slow: {
    severity: 'failure',
    message: (p: { ms: number; limitMs: number; type: string; source: string }) =>
      `The reply took ${p.ms} ms, more than the ${p.limitMs} ms Vapi waits for a ${p.type} (${p.source}); Vapi had given up by then. Answer sooner, or answer at once and do the work afterwards.`,
  },
} as const;

export type CheckCode = keyof typeof CHECK_TABLE;

type CheckParams<C extends CheckCode> = Parameters<(typeof CHECK_TABLE)[C]['message']>[0];

/** Builds one check from the table. `pointer` says where in the reply body the problem is. */
export function check<C extends CheckCode>(code: C, params: CheckParams<C>, pointer?: string): ReplyCheck {
  const entry = CHECK_TABLE[code];
  const message = (entry.message as (p: CheckParams<C>) => string)(params);
  const result: ReplyCheck = { code, message, severity: entry.severity as CheckSeverity };
  return pointer === undefined ? result : { ...result, pointer };
}
