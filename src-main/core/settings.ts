import { z } from 'zod';
import { RETENTION_RANGES as RANGES, type RetentionRange, type Settings } from '../contract/settings';
import { SwitchboardError } from './errors';

export const DEFAULT_PORT = 4242;
export const DEFAULT_INSPECTOR_PORT = 4243;

/**
 * Defaults stay inside Vapi's deadlines with room for the tunnel: Vapi gives up on an
 * `assistant-request` after 7.5 s and on other requests after the server's `timeoutSeconds`,
 * 20 s unless changed.
 */
export const DEFAULT_SETTINGS: Settings = {
  port: DEFAULT_PORT,
  host: '127.0.0.1',
  targetUrl: null,
  timeoutMs: 20_000,
  timeoutMsByType: { 'assistant-request': 7_000 },
  bodyLimitBytes: 16 * 1024 * 1024,
  keepCalls: null,
  keepDays: null,
  keepMegabytes: null,
};

const MAX_TIMEOUT_MS = 10 * 60 * 1000;

const timeoutSchema = z
  .number()
  .int()
  .min(1, 'a timeout must be at least 1 ms')
  .max(MAX_TIMEOUT_MS, 'a timeout must be at most 10 minutes');

/**
 * Builds the schema of a retention limit in `range`, or null for no limit. Every way a value can
 * fail gives `message`, which names the whole range.
 */
function retentionLimit(range: RetentionRange, message: string) {
  const number = z.number({ error: message });
  return (range.whole ? number.int(message) : number).min(range.min, message).max(range.max, message).nullable();
}

export const settingsSchema = z.object({
  port: z.number().int().min(0).max(65_535),
  host: z.string().min(1),
  targetUrl: z.string().min(1).nullable(),
  timeoutMs: timeoutSchema,
  timeoutMsByType: z.record(z.string().min(1), timeoutSchema),
  bodyLimitBytes: z
    .number()
    .int()
    .min(1024, 'the body limit must be at least 1 KiB')
    .max(1024 * 1024 * 1024, 'the body limit must be at most 1 GiB'),
  keepCalls: retentionLimit(RANGES.keepCalls, `give a whole number of calls from ${RANGES.keepCalls.min} to ${RANGES.keepCalls.max}, or null to keep every call`),
  keepDays: retentionLimit(RANGES.keepDays, `give days from ${RANGES.keepDays.min} to ${RANGES.keepDays.max}, or null to keep every age`),
  keepMegabytes: retentionLimit(
    RANGES.keepMegabytes,
    `give a whole number of MiB from ${RANGES.keepMegabytes.min} to ${RANGES.keepMegabytes.max}, or null for no size limit`,
  ),
});

/** Validates a partial settings change against the current settings and returns the merged result. */
export function mergeSettings(current: Settings, change: unknown): Settings {
  const parsed = settingsSchema.partial().strict().safeParse(change);

  if (!parsed.success) {
    const issue = parsed.error.issues[0];

    if (issue?.code === 'unrecognized_keys') {
      const known = Object.keys(settingsSchema.shape).join(', ');
      throw new SwitchboardError('invalid_option', `Unknown setting ${issue.keys.join(', ')}. Settings are: ${known}.`, { field: issue.keys[0] });
    }

    const field = issue?.path.join('.') || 'settings';
    throw new SwitchboardError('invalid_option', `Invalid setting ${field}: ${issue?.message ?? 'invalid value'}.`, { field });
  }

  return { ...current, ...parsed.data };
}

/** The forward timeout for one event type. */
export function timeoutFor(settings: Settings, eventType: string | null): number {
  if (eventType !== null && settings.timeoutMsByType[eventType] !== undefined) {
    return settings.timeoutMsByType[eventType];
  }

  return settings.timeoutMs;
}
