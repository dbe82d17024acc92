import { setTimeout as sleep } from 'node:timers/promises';
import type { ExchangeSummary } from '../../contract/exchange';
import type { CallReplayProgress, CallReplayRequest, CallReplayStep } from '../../contract/replay';
import type { ExchangeStore } from '../../recorder/exchange-store';
import { messageOf, SwitchboardError } from '../errors';
import { replayExchange, type ReplayContext } from './replay-exchange';

/** Maximum number of events one call replay sends, far above any real call's count. */
const MAX_CALL_EVENTS = 10_000;

export interface CallReplayOptions extends CallReplayRequest {
  runId: string;
  /** Aborting cancels the run: the event in flight is recorded as `interrupted` and no more are sent. */
  signal: AbortSignal;
  onProgress(progress: CallReplayProgress): void;
}

/** True when a replay's target failed: no reply, or a reply with status 400 or above. */
export function replayFailed(exchange: Pick<ExchangeSummary, 'outcome' | 'status'>): boolean {
  return exchange.outcome !== 'forwarded' || (exchange.status ?? 0) >= 400;
}

/**
 * Lists the recorded events of one call in the order they arrived, earlier replays left out.
 * Requests rejected for their size never belong to a call, because their bodies were not read.
 */
export function callEventsToReplay(store: ExchangeStore, callId: string): ExchangeSummary[] {
  const events = store
    .list({ callId, limit: MAX_CALL_EVENTS })
    .filter((exchange) => exchange.source !== 'replay');

  if (events.length === 0) {
    throw new SwitchboardError(
      'not_found',
      `No recorded events belong to call ${callId}. Run "switchboard list --json" to see the call ids.`,
      { callId },
    );
  }

  return events.sort((a, b) => a.receivedAt - b.receivedAt || a.id - b.id);
}

/**
 * Replays the given events one after another, each once the previous one has finished. With
 * `original` timing, each event waits until its original offset from the first event has passed
 * since the run began. An event whose predecessor took longer than that goes out at once.
 */
export async function replayCallEvents(context: ReplayContext, callId: string, events: ExchangeSummary[], options: CallReplayOptions): Promise<CallReplayProgress> {
  const timing = options.timing ?? 'fast';
  const progress: CallReplayProgress = {
    runId: options.runId,
    callId,
    timing,
    state: 'running',
    total: events.length,
    steps: [],
    currentId: null,
    nextAt: null,
    message: null,
  };
  const report = (): void => options.onProgress(structuredClone(progress));
  const runStartedAt = Date.now();
  const firstReceivedAt = events[0]?.receivedAt ?? 0;
  report();

  try {
    for (const event of events) {
      const dueAt = timing === 'original' ? runStartedAt + (event.receivedAt - firstReceivedAt) : Date.now();
      progress.currentId = event.id;
      progress.nextAt = dueAt > Date.now() ? dueAt : null;
      report();

      if (progress.nextAt !== null) {
        await sleep(progress.nextAt - Date.now(), undefined, { signal: options.signal });
      }

      options.signal.throwIfAborted();
      progress.nextAt = null;
      const replay = await replayExchange(context, event.id, { ...(options.to === undefined ? {} : { to: options.to }), signal: options.signal });
      progress.steps.push(stepOf(event, replay));
      progress.currentId = null;

      if (options.signal.aborted) {
        throw options.signal.reason;
      }

      if (options.stopOnFailure === true && replayFailed(replay)) {
        return end(progress, 'stopped_on_failure', `Stopped after exchange ${event.id} (${event.type ?? 'request'}) failed: ${replay.errorMessage ?? `status ${replay.status}`}.`, report);
      }

      report();
    }

    return end(progress, 'finished', null, report);
  } catch (error) {
    if (options.signal.aborted) {
      return end(progress, 'cancelled', `Cancelled after ${progress.steps.length} of ${progress.total} events.`, report);
    }

    return end(progress, 'failed', messageOf(error), report);
  }
}

function stepOf(original: ExchangeSummary, replay: ExchangeSummary): CallReplayStep {
  return {
    originalId: original.id,
    replayId: replay.id,
    type: original.type,
    status: replay.status,
    outcome: replay.outcome,
    durationMs: replay.durationMs,
    failed: replayFailed(replay),
  };
}

function end(progress: CallReplayProgress, state: CallReplayProgress['state'], message: string | null, report: () => void): CallReplayProgress {
  progress.state = state;
  progress.message = message;
  progress.currentId = null;
  progress.nextAt = null;
  report();
  return structuredClone(progress);
}
