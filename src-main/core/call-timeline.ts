import type { ExchangeSummary, ReplyCheck } from '../contract/exchange';
import type { CallTimeline, ConversationItem, ConversationSource, TimelineEvent, ToolCallView } from '../contract/inspector';
import type { CallEventRow, EventFacts, ExchangeBodies } from '../recorder/call-queries';
import type { ExchangeStore } from '../recorder/exchange-store';
import { conversationFromMessages, conversationFromTranscripts, withUnmentionedToolCalls, type TranscriptLine } from './call-conversation';
import { callReportOf } from './call-report';
import { parseJsonObject, toolCallsOf, vapiMessage, type JsonObject } from './vapi-event';

/** Maximum number of events one timeline reads. A call with more shows its first ones and sets `truncated`. */
export const MAX_TIMELINE_EVENTS = 20_000;

/** Epoch milliseconds of a Vapi `timestamp`, which is a number today and an ISO string in older traffic. */
function epochMs(timestamp: EventFacts['timestamp'], fallback: number): number {
  if (typeof timestamp === 'number' && Number.isFinite(timestamp)) return timestamp;
  const parsed = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : fallback;
}

/** Summarises what an event carried in one line. */
export function eventHeadline(summary: ExchangeSummary, facts: EventFacts): string | null {
  switch (summary.type) {
    case 'status-update':
      if (facts.status === null) return null;
      return facts.endedReason === null ? facts.status : `${facts.status} (${facts.endedReason})`;
    case 'transcript': {
      const partial = facts.transcriptType === 'partial' ? ' (partial)' : '';
      return facts.transcript === null ? null : `${facts.role ?? 'unknown'}${partial}: ${facts.transcript}`;
    }
    case 'speech-update':
      return [facts.role, facts.status].filter((part) => part !== null).join(' ') || null;
    case 'tool-calls':
      return summary.toolNames.join(', ') || null;
    case 'conversation-update':
      return facts.messageCount === null ? null : `${facts.messageCount} messages`;
    case 'end-of-call-report':
      return facts.endedReason;
    case 'assistant-request':
      return summary.customerNumber === null ? null : `from ${summary.customerNumber}`;
    default:
      return null;
  }
}

/** Lists the tool calls of one `tool-calls` exchange, joined with the results its reply returned. */
function toolCallViews(summary: ExchangeSummary, bodies: ExchangeBodies): ToolCallView[] {
  const message = vapiMessage(parseJsonObject(bodies.requestBody));
  const reply = bodies.responseBody === null ? undefined : parseJsonObject(bodies.responseBody);
  const results = Array.isArray(reply?.results) ? (reply.results as unknown[]) : [];
  const resultById = new Map<string, JsonObject>();

  for (const result of results) {
    if (typeof result === 'object' && result !== null && typeof (result as JsonObject).toolCallId === 'string') {
      resultById.set((result as JsonObject).toolCallId as string, result as JsonObject);
    }
  }

  const toolCalls = message === undefined ? [] : toolCallsOf(message);
  const callIds = toolCalls.flatMap((call) => (call.id === null ? [] : [call.id]));

  return toolCalls.map((call) => {
    const result = call.id === null ? undefined : resultById.get(call.id);

    return {
      toolCallId: call.id,
      name: call.name,
      arguments: call.arguments,
      result: resultText(result?.result),
      error: resultText(result?.error),
      exchangeId: summary.id,
      durationMs: summary.durationMs,
      outcome: summary.outcome,
      warnings: summary.checks.filter((check) => concernsToolCall(check, call.id, results, callIds)).map((check) => check.message),
    };
  });
}

/**
 * Tells whether a reply check belongs on the card of the tool call `callId`. A check about one
 * tool call points at its result or names its id. Any other check concerns the whole reply, so it
 * shows on every card.
 */
export function concernsToolCall(check: ReplyCheck, callId: string | null, results: readonly unknown[], callIds: readonly string[]): boolean {
  const index = /^\/results\/(\d+)/.exec(check.pointer ?? '')?.[1];
  const result = index === undefined ? undefined : results[Number(index)];
  const pointedId = typeof result === 'object' && result !== null ? (result as JsonObject).toolCallId : undefined;
  const aboutId = typeof pointedId === 'string' && callIds.includes(pointedId) ? pointedId : callIds.find((id) => check.message.includes(`"${id}"`));

  return aboutId === undefined || aboutId === callId;
}

/** A tool result as text: strings as they are, other JSON values serialised. */
function resultText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Builds the calls view of one call: its events in arrival order, the conversation with tool calls
 * inline, and the end-of-call report. Only the bodies the view needs are read: tool calls, the
 * newest report and the newest `conversation-update`.
 */
export function buildCallTimeline(store: ExchangeStore, callId: string): CallTimeline | undefined {
  const call = store.call(callId);

  if (call === undefined) {
    return undefined;
  }

  const queries = store.callQueries;
  const rows: CallEventRow[] = queries.events(callId, MAX_TIMELINE_EVENTS + 1);
  const truncated = rows.length > MAX_TIMELINE_EVENTS;
  const shown = rows.slice(0, MAX_TIMELINE_EVENTS);
  const startedAt = shown[0]?.summary.receivedAt ?? call.firstSeenAt;
  const events: TimelineEvent[] = shown.map(({ summary, facts }) => ({
    exchange: summary,
    offsetMs: summary.receivedAt - startedAt,
    headline: eventHeadline(summary, facts),
    partial: summary.type === 'transcript' && facts.transcriptType === 'partial',
  }));

  const toolRows = shown.filter((row) => row.summary.type === 'tool-calls');
  const reportId = queries.latestIdOfType(callId, 'end-of-call-report');
  const updateId = queries.latestIdOfType(callId, 'conversation-update');
  const wanted = [...toolRows.map((row) => row.summary.id), ...[reportId, updateId].filter((id): id is number => id !== undefined)];
  const bodies = new Map(queries.bodiesOf(wanted).map((entry) => [entry.id, entry]));

  const toolCalls: (ToolCallView & { at: number })[] = [];
  for (const row of toolRows) {
    const entry = bodies.get(row.summary.id);
    const at = epochMs(row.facts.timestamp, row.summary.receivedAt);
    if (entry !== undefined) toolCalls.push(...toolCallViews(row.summary, entry).map((view) => ({ ...view, at })));
  }

  const recorded = new Map(toolCalls.filter((view) => view.toolCallId !== null).map(({ at: _at, ...view }) => [view.toolCallId as string, view]));
  const reportMessage = reportId === undefined ? undefined : vapiMessage(parseJsonObject(bodies.get(reportId)?.requestBody ?? Buffer.alloc(0)));
  const updateMessage = updateId === undefined ? undefined : vapiMessage(parseJsonObject(bodies.get(updateId)?.requestBody ?? Buffer.alloc(0)));
  const reportMessages = reportMessage === undefined ? undefined : listOf((reportMessage.artifact as JsonObject | undefined)?.messages) ?? listOf(reportMessage.messages);
  const updateMessages = listOf(updateMessage?.messages);

  let conversation: ConversationItem[];
  let conversationSource: ConversationSource;

  if (reportMessages !== undefined && reportMessages.length > 0) {
    conversation = conversationFromMessages(reportMessages, recorded);
    conversationSource = 'end-of-call-report';
  } else if (updateMessages !== undefined && updateMessages.length > 0) {
    conversation = conversationFromMessages(updateMessages, recorded);
    conversationSource = 'conversation-update';
  } else {
    const first = shown[0];
    const vapiStartedAt = first === undefined ? startedAt : epochMs(first.facts.timestamp, first.summary.receivedAt);
    conversation = conversationFromTranscripts(finalTranscripts(shown), vapiStartedAt);
    conversationSource = conversation.length > 0 ? 'transcript' : 'none';
  }

  return {
    call,
    events,
    conversation: withUnmentionedToolCalls(conversation, toolCalls),
    conversationSource,
    report: reportMessage === undefined || reportId === undefined ? null : callReportOf(reportMessage, reportId),
    truncated,
  };
}

function listOf(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

function finalTranscripts(rows: readonly CallEventRow[]): TranscriptLine[] {
  return rows
    .filter((row) => row.summary.type === 'transcript' && row.facts.transcriptType !== 'partial' && row.facts.transcript !== null)
    .map((row) => ({ role: row.facts.role, text: row.facts.transcript as string, at: epochMs(row.facts.timestamp, row.summary.receivedAt) }));
}
