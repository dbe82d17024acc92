import { InvalidArgumentError, type Command } from 'commander';
import { RETENTION_RANGES, type Settings } from '../contract/settings';

/** The retention flags of `switchboard listen`, as commander parses them. */
export interface RetentionCliOptions {
  keepCalls?: number;
  keepDays?: number;
  keepMb?: number;
}

function parseWhole(flag: string, unit: string, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);

    if (!/^\d+$/.test(value.trim()) || number < 1 || number > max) {
      throw new InvalidArgumentError(`"${value}" is not a number of ${unit}. Give a whole number from 1 to ${max}, such as ${flag} 500.`);
    }

    return number;
  };
}

function parseDays(value: string): number {
  const { min, max } = RETENTION_RANGES.keepDays;
  const days = Number(value);

  // Plain decimals only: Number() would also take 0x10 as 16 and 1e-9 as almost nothing.
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value.trim()) || days < min || days > max) {
    throw new InvalidArgumentError(`"${value}" is not a number of days. Give days from ${min} to ${max} as a plain decimal, such as 7 or 0.5.`);
  }

  return days;
}

/** Adds --keep-calls, --keep-days and --keep-mb; every limit is off unless given. */
export function addRetentionOptions(command: Command): Command {
  return command
    .option('--keep-calls <n>', 'keep only the exchanges of the N most recently active calls', parseWhole('--keep-calls', 'calls', RETENTION_RANGES.keepCalls.max))
    .option('--keep-days <days>', 'keep only exchanges received in the last DAYS days (decimals allowed)', parseDays)
    .option('--keep-mb <mib>', 'prune the oldest exchanges while the recorded data is over MIB mebibytes', parseWhole('--keep-mb', 'MiB', RETENTION_RANGES.keepMegabytes.max))
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
