import type { ConversationItem, SpeakerRole, ToolCallView } from '../contract/inspector';
import { toolCallsOf, type JsonObject } from './vapi-event';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Vapi's message roles mapped to who spoke: `bot` in artifacts, `assistant` in OpenAI-style lists. */
const SPEAKERS: Record<string, SpeakerRole> = {
  bot: 'assistant',
  assistant: 'assistant',
  user: 'caller',
  customer: 'caller',
  system: 'system',
};

/** Results of `tool_call_result` messages by tool call id, for tool calls no exchange recorded. */
function resultsById(messages: readonly unknown[]): Map<string, string> {
  const results = new Map<string, string>();

  for (const message of messages) {
    if (isObject(message) && message.role === 'tool_call_result' && typeof message.toolCallId === 'string') {
      results.set(message.toolCallId, typeof message.result === 'string' ? message.result : JSON.stringify(message.result ?? null));
    }
  }

  return results;
}

/**
 * Reads a conversation from Vapi's message list (`artifact.messages` or a `conversation-update`'s
 * `messages`). A `tool_calls` entry becomes a tool-calls item that shows the recorded exchange for
 * each id in `recorded`, or the conversation's own record of it when no exchange carried that call.
 */
export function conversationFromMessages(messages: readonly unknown[], recorded: ReadonlyMap<string, ToolCallView>): ConversationItem[] {
  const results = resultsById(messages);
  const items: ConversationItem[] = [];

  for (const message of messages) {
    if (!isObject(message)) {
      continue;
    }

    const at = finiteOrNull(message.time);
    const secondsFromStart = finiteOrNull(message.secondsFromStart);

    if (message.role === 'tool_calls') {
      const toolCalls = toolCallsOf({ toolCallList: message.toolCalls }).map(
        (call): ToolCallView =>
          (call.id === null ? undefined : recorded.get(call.id)) ?? {
            toolCallId: call.id,
            name: call.name,
            arguments: call.arguments,
            result: call.id === null ? null : (results.get(call.id) ?? null),
            error: null,
            exchangeId: null,
            durationMs: null,
            outcome: null,
            warnings: [],
          },
      );
      items.push({ kind: 'tool-calls', at, secondsFromStart, toolCalls });
      continue;
    }

    const role = typeof message.role === 'string' ? SPEAKERS[message.role] : undefined;
    const text = typeof message.message === 'string' ? message.message : typeof message.content === 'string' ? message.content : '';

    if (role !== undefined && text !== '') {
      items.push({ kind: 'message', role, text, at, secondsFromStart });
    }
  }

  return items;
}

/** A final transcript, as read from a `transcript` event. */
export interface TranscriptLine {
  role: string | null;
  text: string;
  /** Epoch milliseconds. */
  at: number;
}

/** Builds a conversation from final transcripts, for calls without a message list. */
export function conversationFromTranscripts(lines: readonly TranscriptLine[], callStartedAt: number): ConversationItem[] {
  return lines.map((line) => ({
    kind: 'message',
    role: SPEAKERS[line.role ?? ''] ?? 'caller',
    text: line.text,
    at: line.at,
    secondsFromStart: Math.max(0, (line.at - callStartedAt) / 1000),
  }));
}

/**
 * Adds tool calls that no conversation item mentions, each at the place its time puts it, so a
 * tool call appears even when the conversation was read from transcripts.
 */
export function withUnmentionedToolCalls(items: ConversationItem[], toolCalls: readonly (ToolCallView & { at: number })[]): ConversationItem[] {
  const mentioned = new Set<string>();

  for (const item of items) {
    if (item.kind === 'tool-calls') {
      for (const call of item.toolCalls) if (call.toolCallId !== null) mentioned.add(call.toolCallId);
    }
  }

  const merged = [...items];

  for (const { at, ...call } of toolCalls) {
    if (call.toolCallId !== null && mentioned.has(call.toolCallId)) {
      continue;
    }

    const index = merged.findIndex((item) => item.at !== null && item.at > at);
    const item: ConversationItem = { kind: 'tool-calls', at, secondsFromStart: null, toolCalls: [call] };
    merged.splice(index === -1 ? merged.length : index, 0, item);
  }

  return merged;
}
