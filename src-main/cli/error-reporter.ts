import pc from 'picocolors';

/**
 * Prints engine failures to stderr: the first of each kind in full, then one line per 100 repeats,
 * so a full disk does not flood the terminal with thousands of identical lines.
 */
export function createErrorReporter(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): (kind: string, error: unknown) => void {
  const counts = new Map<string, number>();

  return (kind, error) => {
    const count = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, count);
    const message = error instanceof Error ? error.message : String(error);

    if (count === 1) {
      write(pc.red(`switchboard: ${kind}: ${message}`));
    } else if (count % 100 === 0) {
      write(pc.red(`switchboard: ${kind}: ${count} times so far; the latest: ${message}`));
    }
  };
}
