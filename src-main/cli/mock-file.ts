import { readFileSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import pc from 'picocolors';
import { messageOf, SwitchboardError } from '../core/errors';
import { parseRuleFile } from '../core/mocks/definitions/parse-rules';
import type { ImportSummary, MockRuleStore } from '../recorder/mock-rule-store';

/** How often `listen --mocks` looks at the rule file for changes, in milliseconds. */
const WATCH_INTERVAL_MS = 1_000;

/** Reads a rule file; a missing or unreadable file becomes an error that names it. */
export function readRuleFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${(error as Error).message})`;
    throw new SwitchboardError('invalid_option', `The mock rule file ${path} ${reason}. Check the path; "switchboard mocks export FILE" writes one to start from.`);
  }
}

/** Validates a rule file and stores its rules: rules with a stored name are replaced in place, new ones are appended. */
export function importRuleFile(store: MockRuleStore, path: string, replace = false): ImportSummary {
  const rules = parseRuleFile(readRuleFile(path), path);
  return store.importRules(rules, { replace });
}

export function describeImport(summary: ImportSummary): string {
  const parts = [`${summary.added} added`, `${summary.updated} updated`];

  if (summary.removed > 0) {
    parts.push(`${summary.removed} removed`);
  }

  return parts.join(', ');
}

/**
 * Loads the rule file given to `listen --mocks` and reloads it whenever it changes. A change
 * with errors is reported on stderr and the rules stored before stay in force.
 */
export function loadAndWatchRuleFile(store: MockRuleStore, path: string): { bannerLine: string; stop(): void } {
  const fullPath = resolve(path);
  const summary = importRuleFile(store, fullPath);
  const active = store.list().filter((record) => record.rule.mode !== 'off').length;

  const onChange = (current: Stats, previous: Stats): void => {
    if (current.mtimeMs === previous.mtimeMs && current.size === previous.size) {
      return;
    }

    try {
      process.stdout.write(`${pc.blue(`Mock rules reloaded from ${path}: ${describeImport(importRuleFile(store, fullPath))}.`)}\n`);
    } catch (error) {
      const message = messageOf(error);
      process.stderr.write(`switchboard: ${message}\nThe rules stored before the change stay in force.\n`);
    }
  };
  watchFile(fullPath, { interval: WATCH_INTERVAL_MS }, onChange);

  return {
    bannerLine: `Mock rules:   ${path} (${describeImport(summary)}; ${active} of ${store.list().length} stored rules on; reloaded on change)`,
    stop: () => unwatchFile(fullPath, onChange),
  };
}
