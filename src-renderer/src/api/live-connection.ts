import type { PushBatch, PushEvent } from '../../../src-main/contract/api';
import { eventsUrl } from './control-client';

/** Reconnect delays in milliseconds: short at first, then every few seconds. */
const RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 3_000];

export interface LiveConnectionHandlers {
  onEvents(events: PushEvent[]): void;
  /** Called when the socket opens, first or again; the caller refetches what it may have missed. */
  onOpen(reconnected: boolean): void;
  /** Called when the socket closes; `retryAt` is when the next attempt starts. */
  onClose(retryAt: number): void;
}

/**
 * Keeps a WebSocket to the core's pushed events open, reconnecting by itself after a restart or
 * a dropped connection. Events arrive in batches; each batch is handed over in one call.
 */
export class LiveConnection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private everOpened = false;
  private stopped = false;

  constructor(private readonly handlers: LiveConnectionHandlers) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Skips the wait before the next attempt. */
  retryNow(): void {
    if (this.socket !== null || this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
  }

  private connect(): void {
    this.timer = null;
    const socket = new WebSocket(eventsUrl());
    this.socket = socket;

    socket.onopen = () => {
      this.attempt = 0;
      this.handlers.onOpen(this.everOpened);
      this.everOpened = true;
    };

    socket.onmessage = (message) => {
      const batch = JSON.parse(String(message.data)) as PushBatch;
      this.handlers.onEvents(batch.events);
    };

    socket.onclose = () => {
      this.socket = null;
      if (this.stopped) return;
      const delay = RETRY_DELAYS_MS[Math.min(this.attempt, RETRY_DELAYS_MS.length - 1)] as number;
      this.attempt += 1;
      this.timer = setTimeout(() => this.connect(), delay);
      this.handlers.onClose(Date.now() + delay);
    };
  }
}
