import type { ExchangeDetailJson } from '../../../src-main/contract/api';
import type {
  CallReplayProgress,
  CallReplayRequest,
  CallReplayStarted,
  ExchangeComparison,
  ReplayDraft,
  ReplayRequest,
} from '../../../src-main/contract/replay';
import { callApi } from '../api/control-client';

/** Fetches the recorded request of an exchange made editable. */
export function fetchReplayDraft(exchangeId: number): Promise<ReplayDraft> {
  return callApi<ReplayDraft>(`/api/exchanges/${exchangeId}/replay-draft`);
}

/** Replays an exchange, as recorded or edited, and returns the recorded replay once the target answered. */
export function sendReplay(exchangeId: number, request: ReplayRequest = {}): Promise<ExchangeDetailJson> {
  return callApi<ExchangeDetailJson>(`/api/exchanges/${exchangeId}/replay`, { method: 'POST', body: request });
}

/** Fetches the comparison of two exchanges, with `leftId` as the baseline. */
export function fetchComparison(leftId: number, rightId: number): Promise<ExchangeComparison> {
  return callApi<ExchangeComparison>(`/api/compare?left=${leftId}&right=${rightId}`);
}

/** Starts replaying every recorded event of a call; progress arrives as pushed events. */
export function startCallReplay(callId: string, request: CallReplayRequest): Promise<CallReplayStarted> {
  return callApi<CallReplayStarted>(`/api/calls/${encodeURIComponent(callId)}/replay`, { method: 'POST', body: request });
}

/** Cancels a whole-call replay and returns its final state. */
export function cancelCallReplay(runId: string): Promise<CallReplayProgress> {
  return callApi<CallReplayProgress>(`/api/call-replays/${encodeURIComponent(runId)}/cancel`, { method: 'POST' });
}
