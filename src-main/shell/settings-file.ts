import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Settings } from '../contract/settings';
import { settingsSchema } from '../core/settings';

/**
 * Reads the desktop app's saved settings. A missing file gives defaults; a damaged one is kept
 * aside as `settings.json.invalid` so the user can recover it, and defaults are used.
 */
export function loadShellSettings(file: string): Partial<Settings> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }

  const parsed = settingsSchema.partial().safeParse(safeJson(text));

  if (!parsed.success) {
    renameSync(file, `${file}.invalid`);
    return {};
  }

  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Writes settings atomically: a crash mid-write leaves the previous file intact. */
export function saveShellSettings(file: string, settings: Settings): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(settings, null, 2));
  renameSync(`${file}.tmp`, file);
}
