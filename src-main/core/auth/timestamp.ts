/**
 * Values at or above this are milliseconds. As seconds it would be the year 5138; as milliseconds
 * it is March 1973, so current times in either unit fall clearly on one side.
 */
const MILLISECONDS_THRESHOLD = 1e11;

export type TimestampReading =
  | { kind: 'ok'; unit: 's' | 'ms'; ageSeconds: number }
  | { kind: 'invalid' };

/**
 * Reads a Unix timestamp header. Vapi does not document the unit, so seconds and milliseconds
 * are both accepted and distinguished by magnitude. `ageSeconds` is negative for a time ahead of the clock.
 */
export function readTimestamp(value: string, nowMs: number): TimestampReading {
  const text = value.trim();

  if (!/^\d{1,16}(?:\.\d+)?$/.test(text)) {
    return { kind: 'invalid' };
  }

  const number = Number(text);
  const unit = number >= MILLISECONDS_THRESHOLD ? 'ms' : 's';
  const epochMs = unit === 'ms' ? number : number * 1000;
  return { kind: 'ok', unit, ageSeconds: Math.round((nowMs - epochMs) / 100) / 10 };
}

/** Formats the current time as a timestamp header value for signing. */
export function timestampNow(unit: 's' | 'ms', nowMs: number = Date.now()): string {
  return unit === 'ms' ? String(Math.floor(nowMs)) : String(Math.floor(nowMs / 1000));
}
