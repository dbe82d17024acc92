/** Formatting of times, durations, sizes and ids for the inspector. */

/** Wall-clock time with milliseconds, such as `12:01:03.254`. */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** Formats milliseconds as `4.0 ms`, `312 ms`, `1.24 s` or `2m 14s`, and unknown as `–`. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(2)} s`;
  return formatSeconds(ms / 1_000);
}

/** Seconds as `45s`, `2m 14s` or `1h 02m`. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m ${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** Formats an offset from a call's start, such as `+0.0s`, `+12.4s` or `+2m 14s`. */
export function formatOffset(ms: number): string {
  return ms < 60_000 ? `+${(ms / 1_000).toFixed(1)}s` : `+${formatSeconds(ms / 1_000)}`;
}

/** Bytes with binary units: `512 B`, `1.5 KB`, `18.0 MB`. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '–';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** US dollars with up to four decimals, such as `$0.1077`. */
export function formatCost(usd: number | null): string {
  if (usd === null || !Number.isFinite(usd)) return '–';
  return usd >= 1 ? `$${usd.toFixed(2)}` : `$${usd.toFixed(4).replace(/0{1,2}$/, '')}`;
}

/** Shortens an id to its first 8 characters, the way the list shows it; the full id goes in a tooltip. */
export function shortId(id: string | null): string {
  if (id === null) return '–';
  return id.length <= 8 ? id : `${id.slice(0, 8)}…`;
}

/** Formats a whole number with thousands separators, such as `1,204`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** Formats a count with its noun in singular or plural, such as `1 event` or `1,204 events`. */
export function formatCountOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
