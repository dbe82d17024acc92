import type { Writable } from 'node:stream';

/**
 * Returns a function that writes lines to `stream`, gathering the lines of one turn of the event
 * loop into one write. Finished exchanges arrive in batches from the recording thread, and a write
 * per line cost the forwarding thread about 5 µs each in CPU profiles.
 */
export function batchedLines(stream: Writable): (line: string) => void {
  let pending: string[] = [];

  const flush = (): void => {
    const text = pending.join('');
    pending = [];

    // A stream whose reader went away is destroyed, so the lines are dropped.
    if (!stream.destroyed) {
      stream.write(text);
    }
  };

  return (line) => {
    if (pending.length === 0) {
      queueMicrotask(flush);
    }

    pending.push(`${line}\n`);
  };
}
