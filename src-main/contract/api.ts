import type { CallSummary, ExchangeSummary } from './exchange';
import type { PruneReport } from './history';
import type { TargetHealth } from './inspector';
import type { MockRuleRecord } from './mocks';
import type { RuntimeInfo } from './settings';
import type { CallReplayProgress } from './replay';

/** Messages the control server pushes over its WebSocket, in batches. */
export type PushEvent =
  | { kind: 'exchange-started'; exchange: ExchangeSummary }
  | { kind: 'exchange-finished'; exchange: ExchangeSummary }
  | { kind: 'call-updated'; call: CallSummary }
  | { kind: 'runtime'; runtime: RuntimeInfo }
  | { kind: 'target-health'; health: TargetHealth }
  | { kind: 'call-replay-progress'; progress: CallReplayProgress }
  | { kind: 'mock-rules-changed'; rules: MockRuleRecord[] }
  /** Exchanges were deleted by a retention limit or a clear, so open lists must reload. */
  | { kind: 'history-pruned'; report: PruneReport };

/** One WebSocket frame: the events queued since the previous frame. */
export interface PushBatch {
  events: PushEvent[];
}

/** Query parameter that carries the per-launch control token. */
export const TOKEN_PARAM = 'token';

/** Header that carries the control token on API requests. */
export const TOKEN_HEADER = 'x-switchboard-token';

/** An exchange detail as JSON: bodies as base64, plus UTF-8 text where the bytes are valid UTF-8. */
export interface ExchangeDetailJson extends ExchangeSummary {
  requestHeaders: [string, string][];
  requestBody: string | null;
  requestBodyBase64: string;
  responseHeaders: [string, string][] | null;
  responseBody: string | null;
  responseBodyBase64: string | null;
  responseTruncated: boolean;
}
