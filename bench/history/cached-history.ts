import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_VERSION } from '../../src-main/recorder/migrations';
import { generateHistory, type GeneratedHistory } from './generate';

const CACHE_DIR = join(tmpdir(), 'switchboard-bench');
/**
 * Version of the generated content. Raise it with any change to the generator's output (bodies,
 * counts, distributions); refactors that keep the output leave it, so cached databases stay usable.
 */
const GENERATOR_VERSION = 1;
/** Files whose changes alter a generated database even when the generator is unchanged. */
const SCHEMA_SOURCES = [
  join(__dirname, '..', '..', 'src-main', 'recorder', 'migrations.ts'),
  join(__dirname, '..', '..', 'src-main', 'recorder', 'searchable-text.ts'),
];

export interface CachedHistory extends GeneratedHistory {
  dbPath: string;
  /** True when an earlier run generated this database and this run reused it. */
  reused: boolean;
}

/** Hashes everything that shapes the generated database, so a change makes a new one. */
function fingerprint(exchanges: number, calls: number): string {
  const hash = createHash('sha256').update(`${exchanges}/${calls}/generator ${GENERATOR_VERSION}/schema ${SCHEMA_VERSION}`);

  for (const file of SCHEMA_SOURCES) {
    hash.update(readFileSync(file));
  }

  return hash.digest('hex').slice(0, 12);
}

/**
 * Returns a generated history of `exchanges` exchanges across `calls` calls, kept in the system's
 * temp folder between runs, because generating a million exchanges takes minutes. Databases from
 * other generator versions are deleted. `regenerate` forces a new one.
 */
export function cachedHistory(options: { exchanges: number; calls: number; regenerate: boolean; progress(line: string): void }): CachedHistory {
  mkdirSync(CACHE_DIR, { recursive: true });
  const name = `history-${options.exchanges}-${fingerprint(options.exchanges, options.calls)}`;
  const dbPath = join(CACHE_DIR, `${name}.db`);
  const metaPath = join(CACHE_DIR, `${name}.json`);

  if (!options.regenerate && existsSync(dbPath) && existsSync(metaPath)) {
    return { ...(JSON.parse(readFileSync(metaPath, 'utf8')) as GeneratedHistory), dbPath, reused: true };
  }

  for (const file of readdirSync(CACHE_DIR)) {
    if (file.startsWith(`history-${options.exchanges}-`)) {
      rmSync(join(CACHE_DIR, file), { force: true });
    }
  }

  const generated = generateHistory({ dbPath, exchanges: options.exchanges, calls: options.calls, progress: options.progress });
  writeFileSync(metaPath, JSON.stringify(generated, null, 2));
  return { ...generated, dbPath, reused: false };
}
