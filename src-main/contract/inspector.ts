/**
 * Data objects the inspector UI reads from the control API, beyond the plain exchange records.
 * Types only: no Node, DOM or Electron imports.
 */
import type { ExchangeDetailJson } from './api';
import type { CallSummary, ExchangeSummary } from './exchange';

/** A body made readable for display. The stored bytes are never changed. */
export interface DecodedBody {
  /** The `Content-Encoding` that was undone, such as `gzip`, or null when the body was not encoded. */
  encoding: string | null;
  /** The decoded bytes as UTF-8 text, or null when they are not valid UTF-8 (binary) or decoding failed. */
  text: string | null;
  /** The decoded bytes as base64, for the hex view; null when decoding failed. */
  base64: string | null;
  /** Size of the decoded bytes, or null when decoding failed. */
  size: number | null;
  /** The decoder's error message, such as `incorrect header check`, or null when decoding worked. */
  error: string | null;
}

/** An exchange as the detail pane shows it: the exact record plus display-only decoded bodies. */
export interface ExchangeView extends ExchangeDetailJson {
  requestDecoded: DecodedBody | null;
  responseDecoded: DecodedBody | null;
}

/** Whether the target accepts connections, as last probed. */
export interface TargetHealth {
  targetUrl: string | null;
  /** True when a TCP connection to the target's host and port opened; null when no target is set. */
  reachable: boolean | null;
  /** The reason the probe failed, such as `connection refused`, or null when it succeeded. */
  error: string | null;
  /** Epoch milliseconds of the probe. */
  checkedAt: number;
}

/** The speaker of one turn of a call's conversation. */
export type SpeakerRole = 'assistant' | 'caller' | 'system';

/** One tool call of a call, with the result that went back to Vapi. */
export interface ToolCallView {
  toolCallId: string | null;
  name: string | null;
  arguments: unknown;
  /** The `result` returned for this tool call id, or null when none was. */
  result: string | null;
  /** The `error` returned for this tool call id, or null when none was. */
  error: string | null;
  /** The exchange that carried the request, or null when only the conversation mentions the call. */
  exchangeId: number | null;
  /** Milliseconds from receiving the request to the end of the reply; null while pending or unknown. */
  durationMs: number | null;
  /** Outcome of the exchange, or null when no exchange carried this tool call. */
  outcome: ExchangeSummary['outcome'] | null;
  /** Problems found in the reply to this exchange. */
  warnings: string[];
}

/** One item of a call's conversation: a spoken turn, or the tool calls made at that point. */
export type ConversationItem =
  | {
      kind: 'message';
      role: SpeakerRole;
      text: string;
      /** Epoch milliseconds on Vapi's clock, when the source gives it. */
      at: number | null;
      secondsFromStart: number | null;
    }
  | {
      kind: 'tool-calls';
      at: number | null;
      secondsFromStart: number | null;
      toolCalls: ToolCallView[];
    };

/** The source the conversation was read from. The first one present wins, because it is the most complete. */
export type ConversationSource = 'end-of-call-report' | 'conversation-update' | 'transcript' | 'none';

/** One component of the call's cost, such as `llm` or `tts`. */
export interface CostItem {
  component: string;
  /** USD. */
  cost: number;
}

/** The facts an `end-of-call-report` carries about its call. */
export interface CallReport {
  exchangeId: number;
  endedReason: string | null;
  summary: string | null;
  structuredData: unknown;
  successEvaluation: string | null;
  durationSeconds: number | null;
  /** Total cost in USD. */
  cost: number | null;
  /** Cost by component; empty when the report has no breakdown. */
  costBreakdown: CostItem[];
  recordingUrl: string | null;
}

/** One event on a call's timeline. */
export interface TimelineEvent {
  exchange: ExchangeSummary;
  /** Milliseconds from the first event of the call. */
  offsetMs: number;
  /** A one-line summary of what the event carried, such as the transcript text or the new status. */
  headline: string | null;
  /** True for a partial transcript, which a later final transcript replaces. */
  partial: boolean;
}

/** Everything the calls view shows for one call. */
export interface CallTimeline {
  call: CallSummary;
  events: TimelineEvent[];
  conversation: ConversationItem[];
  conversationSource: ConversationSource;
  report: CallReport | null;
  /** True when the call has more events than the timeline reads; the newest are dropped. */
  truncated: boolean;
}

/** The reply to a request to simulate a call. */
export interface SimulationStarted {
  callId: string;
  /** How many events will be sent to the receive port. */
  eventCount: number;
}
