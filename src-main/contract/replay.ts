/**
 * Replay, compare and whole-call replay data shared by the core, the control API and the renderer.
 * Types only: no Node, DOM or Electron imports.
 */
import type { HeaderPair, Outcome } from './exchange';

/** One JSON pointer edit: the value at `pointer` becomes `value`, creating the last key when absent. */
export interface JsonPointerEdit {
  /** RFC 6901 pointer such as `/message/analysis/summary`. */
  pointer: string;
  value: unknown;
  /**
   * The value's JSON text as the user wrote it, such as `12345678901234567891` or `2.50`, sent in
   * place of `JSON.stringify(value)`. Set only where the two differ.
   */
  valueJson?: string;
}

/** How one replay differs from the recorded request. Every field is optional; none means a plain replay. */
export interface ReplayEdits {
  /** The whole body as text, sent as UTF-8. */
  bodyText?: string;
  /** The whole body as base64 of exact bytes, for bodies that are not text. */
  bodyBase64?: string;
  /** Edits applied to the JSON body, after `bodyText` or `bodyBase64` when those are given too. */
  set?: JsonPointerEdit[];
  /** The full list of request headers to send, replacing the recorded ones. */
  headers?: HeaderPair[];
  /** Send an edited body that is not valid JSON as raw text instead of rejecting it. */
  allowInvalidJson?: boolean;
}

/** The control API's request to replay one exchange. */
export interface ReplayRequest extends ReplayEdits {
  /** Where to send it, such as `http://localhost:3000/vapi/webhook`; the current target when absent. */
  to?: string;
}

/** What the edit form starts from: the recorded request made editable. */
export interface ReplayDraft {
  exchangeId: number;
  method: string;
  /** The body as text, decoded from its `Content-Encoding`; null when it is not UTF-8 text. */
  bodyText: string | null;
  /** True when `bodyText` parses as JSON. */
  bodyIsJson: boolean;
  /** The recorded `Content-Encoding`, such as `gzip`, or null. */
  contentEncoding: string | null;
  /** Recorded headers minus the ones every replay sets itself (hop-by-hop, `Host`, `Content-Length`). */
  headers: HeaderPair[];
  /** Names of recorded headers whose value depends on the body bytes, such as `x-signature`. */
  signatureHeaders: string[];
  /** True when a replay would be signed again for the bytes it sends. */
  canSign: boolean;
  /** Where a replay goes when no other URL is given, or null when no target is known. */
  targetUrl: string | null;
}

/** How a whole-call replay spaces its events. */
export type ReplayTiming = 'fast' | 'original';

/** The control API's request to replay every recorded event of one call. */
export interface CallReplayRequest {
  timing?: ReplayTiming;
  stopOnFailure?: boolean;
  to?: string;
}

/** One event of a whole-call replay once it has been sent. */
export interface CallReplayStep {
  originalId: number;
  replayId: number;
  type: string | null;
  status: number | null;
  outcome: Outcome;
  durationMs: number | null;
  failed: boolean;
}

export type CallReplayState = 'running' | 'finished' | 'stopped_on_failure' | 'cancelled' | 'failed';

/** The state of one whole-call replay, pushed after every event it sends. */
export interface CallReplayProgress {
  runId: string;
  callId: string;
  timing: ReplayTiming;
  state: CallReplayState;
  /** Events the run will send, earlier replays excluded. */
  total: number;
  steps: CallReplayStep[];
  /** The recorded exchange being sent or waited for, or null between events and at the end. */
  currentId: number | null;
  /** Epoch milliseconds when the current event goes out, while the run waits for the original spacing. */
  nextAt: number | null;
  /** Why the run ended early, for `failed`, `stopped_on_failure` and `cancelled`. */
  message: string | null;
}

/** The control API's answer when a whole-call replay starts. */
export interface CallReplayStarted {
  runId: string;
  total: number;
}

/** One difference between two JSON values, located by an RFC 6901 pointer (`''` is the whole value). */
export type JsonChange =
  | { kind: 'changed'; pointer: string; before: unknown; after: unknown }
  | { kind: 'added'; pointer: string; after: unknown }
  | { kind: 'removed'; pointer: string; before: unknown };

/** How two bodies differ: key by key when both are JSON, as whole texts otherwise. */
export type BodyDiff =
  | { kind: 'json'; equal: boolean; changes: JsonChange[] }
  | { kind: 'text'; equal: boolean; leftText: string | null; rightText: string | null };

/** One side of a comparison. */
export interface ComparedExchange {
  id: number;
  type: string | null;
  replayOf: number | null;
  edited: boolean;
  status: number | null;
  outcome: Outcome;
  durationMs: number | null;
  /** The reply body as text, decoded from its `Content-Encoding`; null when absent or not text. */
  responseText: string | null;
}

/** Two exchanges side by side: their replies, statuses and durations, and how their requests differ. */
export interface ExchangeComparison {
  left: ComparedExchange;
  right: ComparedExchange;
  statusChanged: boolean;
  /** Right minus left, in milliseconds; null when either has no duration. */
  durationDeltaMs: number | null;
  response: BodyDiff;
  request: BodyDiff;
}
