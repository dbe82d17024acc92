import { readRetentionLimit, RETENTION_RANGES, type RetentionRange, type Settings } from '../../../src-main/contract/settings';

/** The settings form as the user typed it: text fields, seconds and MiB instead of ms and bytes. */
export interface SettingsDraft {
  port: string;
  host: string;
  targetUrl: string;
  timeoutSeconds: string;
  typeTimeouts: { type: string; seconds: string }[];
  bodyLimitMiB: string;
  /** Retention limits; an empty field means no limit. */
  keepCalls: string;
  keepDays: string;
  keepMegabytes: string;
}

export type DraftErrors = Partial<Record<keyof SettingsDraft | 'typeTimeouts', string>>;

export function draftFromSettings(settings: Settings): SettingsDraft {
  return {
    port: String(settings.port),
    host: settings.host,
    targetUrl: settings.targetUrl ?? '',
    timeoutSeconds: String(settings.timeoutMs / 1000),
    typeTimeouts: Object.entries(settings.timeoutMsByType).map(([type, ms]) => ({ type, seconds: String(ms / 1000) })),
    bodyLimitMiB: String(+(settings.bodyLimitBytes / 1024 ** 2).toFixed(3)),
    keepCalls: settings.keepCalls === null ? '' : String(settings.keepCalls),
    keepDays: settings.keepDays === null ? '' : String(settings.keepDays),
    keepMegabytes: settings.keepMegabytes === null ? '' : String(settings.keepMegabytes),
  };
}

/** Reads an optional limit: empty is null (no limit), anything else must be a plain number in `range`. */
function optionalLimit(text: string, range: RetentionRange): number | null | 'invalid' {
  if (text.trim() === '') return null;
  return readRetentionLimit(text, range) ?? 'invalid';
}

function seconds(text: string): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value > 0 && value <= 600 ? value : null;
}

/**
 * Checks a draft and turns it into a settings change, with one message per invalid field. The core
 * checks the same limits again, and its error is shown under the field it names.
 */
export function settingsFromDraft(draft: SettingsDraft): { settings: Partial<Settings> | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const port = Number(draft.port);
  const timeout = seconds(draft.timeoutSeconds);
  const limitMiB = Number(draft.bodyLimitMiB);
  const timeoutMsByType: Record<string, number> = {};
  const keepCalls = optionalLimit(draft.keepCalls, RETENTION_RANGES.keepCalls);
  const keepDays = optionalLimit(draft.keepDays, RETENTION_RANGES.keepDays);
  const keepMegabytes = optionalLimit(draft.keepMegabytes, RETENTION_RANGES.keepMegabytes);

  if (!/^\d+$/.test(draft.port.trim()) || port > 65_535) errors.port = `"${draft.port}" is not a port. Use a whole number from 0 to 65535 (0 picks a free port).`;
  if (draft.host.trim() === '') errors.host = 'Give an address to bind, such as 127.0.0.1 or 0.0.0.0.';
  if (draft.targetUrl.trim() !== '' && !/^https?:\/\//i.test(draft.targetUrl.trim())) {
    errors.targetUrl = `"${draft.targetUrl}" is not an http or https URL. Write it like http://localhost:3000/vapi/webhook.`;
  }
  if (timeout === null) errors.timeoutSeconds = 'Give seconds greater than 0 and at most 600, such as 20.';
  if (!Number.isFinite(limitMiB) || limitMiB * 1024 ** 2 < 1024 || limitMiB > 1024) errors.bodyLimitMiB = 'Give a size from 0.001 MiB (1 KiB) to 1024 MiB.';

  const { keepCalls: calls, keepDays: days, keepMegabytes: mib } = RETENTION_RANGES;
  if (keepCalls === 'invalid') errors.keepCalls = `Give a whole number of calls from ${calls.min} to ${calls.max}, or leave it empty to keep every call.`;
  if (keepDays === 'invalid') errors.keepDays = `Give days from ${days.min} to ${days.max}, such as 7 or 0.5, or leave it empty to keep every age.`;
  if (keepMegabytes === 'invalid') errors.keepMegabytes = `Give a whole number of MiB from ${mib.min} to ${mib.max}, or leave it empty for no size limit.`;

  for (const { type, seconds: text } of draft.typeTimeouts) {
    const value = seconds(text);
    if (type.trim() === '') {
      errors.typeTimeouts = 'Every per-type timeout needs an event type, such as assistant-request.';
    } else if (value === null) {
      errors.typeTimeouts = `The timeout for ${type} must be seconds greater than 0 and at most 600.`;
    } else {
      timeoutMsByType[type.trim()] = Math.round(value * 1000);
    }
  }

  if (Object.keys(errors).length > 0) return { settings: null, errors };

  return {
    settings: {
      port,
      host: draft.host.trim(),
      targetUrl: draft.targetUrl.trim() === '' ? null : draft.targetUrl.trim(),
      timeoutMs: Math.round((timeout as number) * 1000),
      timeoutMsByType,
      bodyLimitBytes: Math.floor(limitMiB * 1024 ** 2),
      keepCalls: keepCalls as number | null,
      keepDays: keepDays as number | null,
      keepMegabytes: keepMegabytes as number | null,
    },
    errors,
  };
}

/** Maps an error the core returned to the form field it concerns. */
export function fieldOfError(code: string, field: string | null): keyof DraftErrors | null {
  const byField: Record<string, keyof DraftErrors> = {
    port: 'port',
    host: 'host',
    targetUrl: 'targetUrl',
    timeoutMs: 'timeoutSeconds',
    bodyLimitBytes: 'bodyLimitMiB',
    keepCalls: 'keepCalls',
    keepDays: 'keepDays',
    keepMegabytes: 'keepMegabytes',
  };
  if (field !== null) return byField[field.split('.')[0] ?? ''] ?? (field.startsWith('timeoutMsByType') ? 'typeTimeouts' : null);
  if (code === 'invalid_target_url' || code === 'ipv6_needs_brackets') return 'targetUrl';
  if (code === 'port_in_use' || code === 'port_not_permitted') return 'port';
  if (code === 'address_not_available') return 'host';
  return null;
}

/** Labels of the form's fields, in the order the page shows them. */
const FIELD_LABELS: readonly [keyof DraftErrors, string][] = [
  ['targetUrl', 'Target URL'],
  ['port', 'Receive port'],
  ['host', 'Receive address'],
  ['timeoutSeconds', 'Forward timeout'],
  ['typeTimeouts', 'Timeouts by event type'],
  ['bodyLimitMiB', 'Body limit'],
  ['keepCalls', 'Keep calls'],
  ['keepDays', 'Keep days'],
  ['keepMegabytes', 'Keep MiB'],
];

/** Returns the invalid fields in page order, so the first one can take the focus. */
export function invalidFields(errors: DraftErrors): (keyof DraftErrors)[] {
  return FIELD_LABELS.filter(([field]) => errors[field] !== undefined).map(([field]) => field);
}

/** Summarizes the invalid fields for the line beside the Save button, or returns null when there are none. */
export function errorSummary(errors: DraftErrors): string | null {
  const labels = FIELD_LABELS.filter(([field]) => errors[field] !== undefined).map(([, label]) => label);
  if (labels.length === 0) return null;
  const noun = labels.length === 1 ? 'field needs' : 'fields need';
  return `Not saved: ${labels.length} ${noun} a fix (${labels.join(', ')}). Nothing was changed.`;
}
