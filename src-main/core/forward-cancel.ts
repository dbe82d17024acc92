/**
 * A cancel for one forward: its timeout passed, the caller left, or Switchboard is stopping. It
 * replaces an AbortSignal on the forward path, where a fresh signal and its first listener per
 * request cost about 15 µs in CPU profiles under load (an estimate from `npm run bench:cpu`).
 * A forward stops at one step at a time, the request and then the reply, so one hook is enough.
 */
export class ForwardCancel {
  private cancelledWith: { reason: unknown } | null = null;
  private hook: ((reason: unknown) => void) | null = null;

  get cancelled(): boolean {
    return this.cancelledWith !== null;
  }

  /** The reason passed to `cancel`, or undefined before it. */
  get reason(): unknown {
    return this.cancelledWith?.reason;
  }

  /** Cancels with `reason` and runs the current hook. Later calls change nothing. */
  cancel(reason: unknown): void {
    if (this.cancelledWith !== null) {
      return;
    }

    this.cancelledWith = { reason };
    const hook = this.hook;
    this.hook = null;
    hook?.(reason);
  }

  /** Sets the hook to run on cancel, replacing the previous one. Null clears it. */
  onCancel(hook: ((reason: unknown) => void) | null): void {
    this.hook = hook;
  }
}
