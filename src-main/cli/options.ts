import { InvalidArgumentError } from 'commander';
import { MAX_LIST_LIMIT } from '../recorder/exchange-store';

/** Parses a TCP port; 0 asks the system for a free one. */
export function parsePort(value: string): number {
  const port = Number(value);

  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new InvalidArgumentError(`"${value}" is not a port. Use a whole number from 0 to 65535 (0 picks a free port).`);
  }

  return port;
}

/** Parses a positive whole number such as a row limit. */
function parseCount(value: string): number {
  const count = Number(value);

  if (!/^\d+$/.test(value) || count < 1) {
    throw new InvalidArgumentError(`"${value}" is not a positive whole number.`);
  }

  return count;
}

/** Parses `--limit` of `list`: a positive whole number up to what one list query returns. */
export function parseListLimit(value: string): number {
  const count = parseCount(value);

  if (count > MAX_LIST_LIMIT) {
    throw new InvalidArgumentError(`${count} is more than the ${MAX_LIST_LIMIT} exchanges one list prints. Narrow it with --type, --call or --search.`);
  }

  return count;
}

/** Parses seconds (decimals allowed) into milliseconds. */
export function parseSeconds(value: string): number {
  const seconds = Number(value);

  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
    throw new InvalidArgumentError(`"${value}" is not a timeout. Give seconds greater than 0 and at most 600, such as 20 or 7.5.`);
  }

  return Math.round(seconds * 1000);
}

/** Parses `TYPE=SECONDS` and adds it to the map collected so far. */
export function collectTypeTimeout(value: string, previous: Record<string, number>): Record<string, number> {
  const match = /^([^=\s]+)=(.+)$/.exec(value);

  if (!match) {
    throw new InvalidArgumentError(`"${value}" is not TYPE=SECONDS. Write it like assistant-request=7.`);
  }

  return { ...previous, [match[1] as string]: parseSeconds(match[2] as string) };
}

/** Body limits the engine accepts, the same range as its settings schema. */
const MIN_BODY_LIMIT_BYTES = 1024;
const MAX_BODY_LIMIT_BYTES = 1024 ** 3;

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** Parses a size such as `16MiB`, `512kb` or `1048576`; units are powers of 1024. */
export function parseSize(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  const unit = SIZE_UNITS[(match?.[2] ?? '').toLowerCase()];

  if (!match || unit === undefined) {
    throw new InvalidArgumentError(`"${value}" is not a size. Write bytes, or a number with KiB, MiB or GiB, such as 16MiB.`);
  }

  const bytes = Math.floor(Number(match[1]) * unit);

  if (bytes < MIN_BODY_LIMIT_BYTES || bytes > MAX_BODY_LIMIT_BYTES) {
    throw new InvalidArgumentError(`"${value}" is out of range. Give a size from 1KiB to 1GiB, such as 16MiB.`);
  }

  return bytes;
}
