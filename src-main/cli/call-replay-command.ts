import pc from 'picocolors';
import type { CallReplayProgress, ReplayTiming } from '../contract/replay';
import type { Engine } from '../core/engine';
import { resolveCallId } from './call-id';
import { formatExchangeLine } from './exchange-line';

export interface CallReplayCommandOptions {
  to?: string;
  timing: ReplayTiming;
  stopOnFailure: boolean;
  json: boolean;
}

/**
 * Replays every recorded event of a call, printing one line per event as it finishes. Ctrl+C
 * cancels the run. Returns 1 when any event failed or the run did not finish, 0 otherwise.
 */
export async function runCallReplay(engine: Engine, typedCallId: string, options: CallReplayCommandOptions): Promise<number> {
  const callId = resolveCallId(engine.store, typedCallId);
  let printed = 0;

  const onProgress = (progress: CallReplayProgress): void => {
    for (const step of progress.steps.slice(printed)) {
      printed += 1;
      const replay = engine.store.summary(step.replayId);

      if (!options.json && replay !== undefined) {
        const counter = pc.dim(`[${printed}/${progress.total}] #${step.originalId} → #${step.replayId}`);
        process.stdout.write(`${counter}  ${formatExchangeLine(replay)}\n`);
      }
    }
  };
  engine.on('call-replay-progress', onProgress);

  const run = engine.replayCall(callId, {
    timing: options.timing,
    stopOnFailure: options.stopOnFailure,
    ...(options.to === undefined ? {} : { to: options.to }),
  });

  if (!options.json) {
    process.stdout.write(`Replaying ${run.total} events of call ${callId} (${options.timing === 'original' ? 'original spacing' : 'as fast as possible'}).\n`);
  }

  const cancel = (): void => {
    process.stderr.write('Cancelling the call replay.\n');
    void engine.callReplays.cancel(run.runId);
  };
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);

  try {
    const final = await run.done;
    const failures = final.steps.filter((step) => step.failed).length;

    if (options.json) {
      process.stdout.write(`${JSON.stringify(final, null, 2)}\n`);
    } else {
      process.stdout.write(`${summaryLine(final, failures)}\n`);
    }

    if (final.message !== null && final.state !== 'finished') {
      process.stderr.write(`switchboard: ${final.message}\n`);
    }

    return final.state === 'finished' && failures === 0 ? 0 : 1;
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
    engine.off('call-replay-progress', onProgress);
  }
}

function summaryLine(progress: CallReplayProgress, failures: number): string {
  const sent = progress.steps.length;
  const counts = `${sent} of ${progress.total} events sent, ${failures} failed`;

  switch (progress.state) {
    case 'finished':
      return failures === 0 ? pc.green(`Replayed call ${progress.callId}: ${counts}.`) : pc.red(`Replayed call ${progress.callId}: ${counts}.`);
    case 'stopped_on_failure':
      return pc.red(`Stopped at the first failure: ${counts}.`);
    case 'cancelled':
      return pc.yellow(`Cancelled: ${counts}.`);
    default:
      return pc.red(`The call replay failed: ${counts}.`);
  }
}
