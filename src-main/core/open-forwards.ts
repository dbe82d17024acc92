import type { ServerResponse } from 'node:http';
import { SwitchboardError } from './errors';
import { ForwardCancel } from './forward-cancel';

/** One forward in progress: its cancel, and `end`, to call once it is over. */
export interface OpenForward {
  cancel: ForwardCancel;
  end(): void;
}

/**
 * The forwards waiting for a target, on both the plain and the mock-rule path. Each is cancelled
 * when its timeout passes, when its caller leaves, or when `cancelAll` runs at the end of a
 * stop's grace period. A forward that begins after that is cancelled at once.
 */
export class OpenForwards {
  private readonly open = new Set<ForwardCancel>();
  private stoppedWith: { reason: unknown } | null = null;

  /** True from `cancelAll` until `reopen`. */
  get stopping(): boolean {
    return this.stoppedWith !== null;
  }

  /**
   * Begins a forward for the caller's `response`. `timeoutError` builds the reason it is
   * cancelled with once `timeoutMs` pass.
   */
  begin(response: ServerResponse, timeoutMs: number, timeoutError: () => SwitchboardError): OpenForward {
    const cancel = new ForwardCancel();
    const timer = setTimeout(() => cancel.cancel(timeoutError()), timeoutMs);

    // A caller that leaves while Switchboard stops was disconnected by the stop, which already
    // gave the forward its reason.
    const onCallerGone = (): void => {
      if (!response.writableFinished && !this.stopping) {
        cancel.cancel(new SwitchboardError('interrupted', 'The caller closed the connection before the reply was complete.'));
      }
    };

    response.on('close', onCallerGone);
    this.open.add(cancel);

    if (this.stoppedWith !== null) {
      cancel.cancel(this.stoppedWith.reason);
    }

    return {
      cancel,
      end: () => {
        clearTimeout(timer);
        response.off('close', onCallerGone);
        this.open.delete(cancel);
      },
    };
  }

  /** Cancels every open forward with `reason`, and every forward that begins until `reopen`. */
  cancelAll(reason: unknown): void {
    this.stoppedWith = { reason };

    for (const cancel of this.open) {
      cancel.cancel(reason);
    }
  }

  /** Lets forwards run again, after a stop has finished. */
  reopen(): void {
    this.stoppedWith = null;
  }
}
