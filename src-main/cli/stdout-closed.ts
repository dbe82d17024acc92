/**
 * The CLI's reaction when the reader of its output goes away (EPIPE), as when `head` has read
 * enough. A command that prints and ends exits, because its output is done. `listen` replaces
 * it, because it receives calls until stopped.
 */
let onStdoutClosed: () => void = () => process.exit(0);

/** Replaces what happens when stdout's reader goes away. */
export function whenStdoutCloses(handler: () => void): void {
  onStdoutClosed = handler;
}

/** Runs the current handler for a closed stdout. */
export function stdoutClosed(): void {
  onStdoutClosed();
}
