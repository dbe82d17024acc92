import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder for one test's database; `remove` deletes it. */
export function tempFolder(): { folder: string; dbPath: string; remove(): void } {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-test-'));
  return { folder, dbPath: join(folder, 'switchboard.db'), remove: () => rmSync(folder, { recursive: true, force: true }) };
}
