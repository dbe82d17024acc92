import pc from 'picocolors';
import { messageOf } from '../core/errors';

/** Shortest time between two lines about the same kind of failure, in ms. */
const REPEAT_INTERVAL_MS = 5_000;

interface FailureCount {
  /** Failures not yet reported. */
  unreported: number;
  latestMessage: string;
  timer: NodeJS.Timeout | null;
}

/**
 * Prints engine failures to stderr: the first of a kind at once, then at most one line per 5 s
 * with how many happened since the previous line. A locked or full database then neither floods
 * the terminal nor hides how many requests went unrecorded.
 */
export function createErrorReporter(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): (kind: string, error: unknown) => void {
  const counts = new Map<string, FailureCount>();

  const report = (kind: string, count: FailureCount): void => {
    count.timer = null;

    if (count.unreported === 0) {
      return;
    }

    const times = count.unreported === 1 ? 'once more' : `${count.unreported} more times`;
    write(pc.red(`switchboard: ${kind}: ${times} in the last ${REPEAT_INTERVAL_MS / 1000} s; the latest: ${count.latestMessage}`));
    count.unreported = 0;
    count.timer = setTimeout(() => report(kind, count), REPEAT_INTERVAL_MS);
    count.timer.unref();
  };

  return (kind, error) => {
    const message = messageOf(error);
    let count = counts.get(kind);

    if (count === undefined) {
      count = { unreported: 0, latestMessage: message, timer: null };
      counts.set(kind, count);
    }

    count.latestMessage = message;

    if (count.timer === null) {
      write(pc.red(`switchboard: ${kind}: ${message}`));
      count.timer = setTimeout(() => report(kind, count), REPEAT_INTERVAL_MS);
      count.timer.unref();
      return;
    }

    count.unreported += 1;
  };
}
