import { InvalidArgumentError, type Command } from 'commander';
import { readRetentionLimit, RETENTION_RANGES, type RetentionRange, type Settings } from '../contract/settings';

/** The retention flags of `switchboard listen`, as commander parses them. */
export interface RetentionCliOptions {
  keepCalls?: number;
  keepDays?: number;
  keepMb?: number;
}

/** Returns a commander parser for a retention flag. `invalid` builds the message for a value outside `range`. */
function parseLimit(range: RetentionRange, invalid: (value: string) => string): (value: string) => number {
  return (value) => {
    const limit = readRetentionLimit(value, range);

    if (limit === null) {
      throw new InvalidArgumentError(invalid(value));
    }

    return limit;
  };
}

const { keepCalls: CALLS, keepDays: DAYS, keepMegabytes: MIB } = RETENTION_RANGES;

/** Adds --keep-calls, --keep-days and --keep-mb; every limit is off unless given. */
export function addRetentionOptions(command: Command): Command {
  return command
    .option(
      '--keep-calls <n>',
      'keep only the exchanges of the N most recently active calls',
      parseLimit(CALLS, (value) => `"${value}" is not a number of calls. Give a whole number from ${CALLS.min} to ${CALLS.max}, such as --keep-calls 500.`),
    )
    .option(
      '--keep-days <days>',
      'keep only exchanges received in the last DAYS days (decimals allowed)',
      parseLimit(DAYS, (value) => `"${value}" is not a number of days. Give days from ${DAYS.min} to ${DAYS.max} as a plain decimal, such as 7 or 0.5.`),
    )
    .option(
      '--keep-mb <mib>',
      'prune the oldest exchanges while the recorded data is over MIB mebibytes',
      parseLimit(MIB, (value) => `"${value}" is not a number of MiB. Give a whole number from ${MIB.min} to ${MIB.max}, such as --keep-mb 500.`),
    )
    .addHelpText(
      'after',
      '\nRetention limits are checked a few seconds after start and every minute; old exchanges are deleted in small batches while recording goes on.',
    );
}

/** Returns the retention settings the flags set. Limits not given stay off. */
export function retentionSettingsFromOptions(options: RetentionCliOptions): Pick<Settings, 'keepCalls' | 'keepDays' | 'keepMegabytes'> {
  return { keepCalls: options.keepCalls ?? null, keepDays: options.keepDays ?? null, keepMegabytes: options.keepMb ?? null };
}

/** Formats one banner line naming the retention limits, or returns null when every limit is off. */
export function retentionBannerLine(settings: Pick<Settings, 'keepCalls' | 'keepDays' | 'keepMegabytes'>): string | null {
  const limits = [
    settings.keepCalls === null ? null : `the last ${settings.keepCalls} calls`,
    settings.keepDays === null ? null : `${settings.keepDays} days`,
    settings.keepMegabytes === null ? null : `${settings.keepMegabytes} MiB`,
  ].filter((limit): limit is string => limit !== null);

  return limits.length === 0 ? null : `Retention:    keep ${limits.join(', ')}`;
}
