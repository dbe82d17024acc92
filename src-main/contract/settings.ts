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

/** The values a retention limit accepts: from `min` to `max`, whole numbers only when `whole`. */
export interface RetentionRange {
  min: number;
  max: number;
  whole: boolean;
}

/** Ranges of the retention limits, shared by the CLI, the control API and the Settings page. */
export const RETENTION_RANGES = {
  keepCalls: { min: 1, max: 1_000_000_000, whole: true },
  /** 0.001 days is 86.4 seconds; 36,500 days is about a century. */
  keepDays: { min: 0.001, max: 36_500, whole: false },
  /** 16 TiB. */
  keepMegabytes: { min: 1, max: 16 * 1024 * 1024, whole: true },
} as const satisfies Record<string, RetentionRange>;

/**
 * Reads a retention limit typed as text, or returns null when it is not a plain number in `range`.
 * Number() alone would also take 0x10 as 16 and 1e-9 as almost nothing.
 */
export function readRetentionLimit(text: string, range: RetentionRange): number | null {
  const trimmed = text.trim();
  const plain = range.whole ? /^\d+$/.test(trimmed) : /^(\d+(\.\d*)?|\.\d+)$/.test(trimmed);
  const value = Number(trimmed);
  return plain && value >= range.min && value <= range.max ? value : null;
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
