/** The settings a user can change while Switchboard runs. */
export interface Settings {
  /** Port that receives Vapi's requests; 0 picks a free port. */
  port: number;
  /** Address the receive port binds to. */
  host: string;
  /** Where requests are forwarded, such as `http://localhost:3000/vapi/webhook`; null records without forwarding. */
  targetUrl: string | null;
  /** Forward timeout in milliseconds for event types without their own entry. */
  timeoutMs: number;
  /** Forward timeouts in milliseconds by `message.type`. */
  timeoutMsByType: Record<string, number>;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  /** Keep only the exchanges of this many most recently active calls; null keeps every call. */
  keepCalls: number | null;
  /** Keep only exchanges received within this many days; null keeps them at any age. */
  keepDays: number | null;
  /** Keep the recorded data under this many MiB by pruning the oldest exchanges; null sets no limit. */
  keepMegabytes: number | null;
}

/** Where the running core can be reached, as shown in banners and the status bar. */
export interface RuntimeInfo {
  receiveUrl: string;
  targetUrl: string | null;
  databasePath: string;
  databaseSizeBytes: number;
  exchangeCount: number;
  inspectorUrl: string | null;
  version: string;
}
