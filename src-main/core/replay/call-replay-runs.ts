import { randomUUID } from 'node:crypto';
import type { CallReplayProgress, CallReplayRequest, CallReplayStarted } from '../../contract/replay';
import { SwitchboardError } from '../errors';
import { callEventsToReplay, replayCallEvents } from './call-replay';
import type { ReplayContext } from './replay-exchange';

/** Finished runs kept for status queries after their last progress event. */
const KEPT_FINISHED_RUNS = 20;

interface Run {
  controller: AbortController;
  progress: CallReplayProgress;
  done: Promise<CallReplayProgress>;
}

/** The whole-call replays of one engine: starts them, reports their state and cancels them. */
export class CallReplayRuns {
  private readonly runs = new Map<string, Run>();

  /**
   * Starts replaying a call in the background and returns at once. Rejects before anything is
   * sent when the call has no recorded events.
   */
  start(
    context: ReplayContext,
    callId: string,
    request: CallReplayRequest,
    onProgress: (progress: CallReplayProgress) => void,
  ): CallReplayStarted & { done: Promise<CallReplayProgress> } {
    const events = callEventsToReplay(context.store, callId);
    const runId = randomUUID();
    const controller = new AbortController();
    const run = { controller } as Run;

    run.done = replayCallEvents(context, callId, events, {
      ...request,
      runId,
      signal: controller.signal,
      onProgress: (progress) => {
        run.progress = progress;
        onProgress(progress);
      },
    });
    this.runs.set(runId, run);
    void run.done.then(() => this.forgetOldRuns());

    return { runId, total: events.length, done: run.done };
  }

  /** Returns the latest state of a run. */
  get(runId: string): CallReplayProgress {
    return this.require(runId).progress;
  }

  /** Cancels a run and resolves with its final state; a run that already ended is returned as it is. */
  async cancel(runId: string): Promise<CallReplayProgress> {
    const run = this.require(runId);
    run.controller.abort(new SwitchboardError('interrupted', 'The call replay was cancelled.'));
    return run.done;
  }

  /** Cancels every run still going and waits for them to record their last event. */
  async cancelAll(): Promise<void> {
    const running = [...this.runs.values()].filter((run) => run.progress.state === 'running');

    for (const run of running) {
      run.controller.abort(new SwitchboardError('interrupted', 'Switchboard is stopping.'));
    }

    await Promise.allSettled(running.map((run) => run.done));
  }

  private require(runId: string): Run {
    const run = this.runs.get(runId);

    if (run === undefined) {
      throw new SwitchboardError('not_found', `No call replay has id ${runId}. It may have ended long ago; start a new one.`, { runId });
    }

    return run;
  }

  private forgetOldRuns(): void {
    const finished = [...this.runs.entries()].filter(([, run]) => run.progress.state !== 'running');

    for (const [runId] of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED_RUNS))) {
      this.runs.delete(runId);
    }
  }
}
