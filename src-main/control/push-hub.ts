import type { WebSocket } from 'ws';
import type { PushBatch, PushEvent } from '../contract/api';

/** How often queued events go out, in milliseconds; one frame carries all of them. */
const FLUSH_INTERVAL_MS = 50;

/**
 * Queues engine events and sends them to every connected inspector in one frame per interval,
 * so a burst of thousands of exchanges costs a few frames instead of thousands.
 */
export class PushHub {
  private readonly sockets = new Set<WebSocket>();
  private queue: PushEvent[] = [];
  private timer: NodeJS.Timeout | null = null;

  /** How many inspectors are connected. */
  get clientCount(): number {
    return this.sockets.size;
  }

  add(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  push(event: PushEvent): void {
    if (this.sockets.size === 0) {
      return;
    }

    this.queue.push(event);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
  }

  flush(): void {
    this.timer = null;
    const batch: PushBatch = { events: this.queue };
    this.queue = [];

    if (batch.events.length === 0) {
      return;
    }

    const frame = JSON.stringify(batch);

    for (const socket of this.sockets) {
      socket.send(frame);
    }
  }

  close(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }

    for (const socket of this.sockets) {
      socket.close(1001, 'Switchboard is stopping');
    }
  }
}
