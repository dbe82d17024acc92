import { existsSync, writeFileSync } from 'node:fs';
import type { Command, Option } from 'commander';
import pc from 'picocolors';
import type { MockRuleFile } from '../contract/mocks';
import { SwitchboardError } from '../core/errors';
import { describeAnswer } from '../core/mocks/definitions/describe-rule';
import { parseRuleFile } from '../core/mocks/definitions/parse-rules';
import { MockRuleStore } from '../recorder/mock-rule-store';
import { openDatabase } from '../recorder/open-database';
import { counted } from './counted';
import { describeImport, importRuleFile, readRuleFile } from './mock-file';

/**
 * Opens the rule store of a database. Reading commands open it read-only, so a mistyped --db
 * reports a missing file instead of creating an empty database.
 */
function withStore<T>(dbPath: string, work: (store: MockRuleStore) => T, access: 'read' | 'write' = 'write'): T {
  const db = openDatabase(dbPath, { readonly: access === 'read' });

  try {
    return work(new MockRuleStore(db));
  } finally {
    db.close();
  }
}

function runList(options: { db: string; json: boolean }): void {
  const records = withStore(options.db, (store) => store.list(), 'read');

  if (options.json) {
    process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
    return;
  }

  if (records.length === 0) {
    process.stdout.write(`No mock rules are stored in ${options.db}. Add some with "switchboard mocks import FILE" or on the inspector's Mocks page.\n`);
    return;
  }

  for (const record of records) {
    const state = record.rule.mode === 'off' ? pc.dim('off     ') : pc.green(record.rule.mode.padEnd(8));
    const answer = record.rule.mode !== 'off' && record.shadowedBy !== null ? pc.yellow(`never answers: rule ${record.shadowedBy} matches first; move this rule above it`) : pc.dim(describeAnswer(record.rule));
    process.stdout.write(`${String(record.position + 1).padStart(3)}  ${state}  ${pc.bold(record.rule.name)}  ${record.description}  ${answer}\n`);
  }
}

function runImport(file: string, options: { db: string; replace: boolean; dryRun: boolean }): void {
  if (options.dryRun) {
    const rules = parseRuleFile(readRuleFile(file), file);
    process.stdout.write(`${file} is valid: ${counted(rules.length, 'rule')}. Nothing was stored (--dry-run).\n`);
    return;
  }

  const summary = withStore(options.db, (store) => importRuleFile(store, file, options.replace));
  process.stdout.write(`Imported ${file} into ${options.db}: ${describeImport(summary)}.\n`);
}

function runExport(file: string | undefined, options: { db: string; force: boolean }): void {
  const records = withStore(options.db, (store) => store.list(), 'read');
  const content: MockRuleFile = { rules: records.map((record) => record.rule) };
  const text = `${JSON.stringify(content, null, 2)}\n`;

  if (file === undefined) {
    process.stdout.write(text);
    return;
  }

  if (existsSync(file) && !options.force) {
    throw new SwitchboardError('invalid_option', `${file} exists already. Pass --force to overwrite it, or choose another file name.`);
  }

  writeFileSync(file, text);
  process.stderr.write(`Exported ${counted(records.length, 'rule')} to ${file}.\n`);
}

/** Adds `switchboard mocks list|import|export`. */
export function addMocksCommand(program: Command, dbOption: () => Option): void {
  const mocks = program.command('mocks').description('List, import and export mock rules (the rules the inspector\'s Mocks page edits).');

  mocks
    .command('list')
    .description('Print the stored rules in the order they are tried; the first matching rule answers.')
    .addOption(dbOption())
    .option('--json', 'print the stored records as JSON', false)
    .action((options: { db: string; json: boolean }) => runList(options));

  mocks
    .command('import')
    .description('Store the rules of a rule file. A rule whose name is stored already is replaced in place; the others are appended.')
    .argument('<file>', 'rule file, {"rules": [ ... ]}; see docs/mock-rules.md')
    .addOption(dbOption())
    .option('--replace', 'remove every stored rule that is not in the file, and order the rest as the file does', false)
    .option('--dry-run', 'only validate the file', false)
    .action((file: string, options: { db: string; replace: boolean; dryRun: boolean }) => runImport(file, options));

  mocks
    .command('export')
    .description('Write the stored rules as a rule file, or to stdout without FILE.')
    .argument('[file]', 'file to write')
    .addOption(dbOption())
    .option('--force', 'overwrite FILE when it exists', false)
    .action((file: string | undefined, options: { db: string; force: boolean }) => runExport(file, options));
}
