import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Command, Option } from 'commander';
import { SwitchboardError } from '../core/errors';
import { counted } from './counted';
import { HistoryPruner } from '../recorder/history-pruner';
import { openDatabase } from '../recorder/open-database';
import { RetentionRunner } from '../recorder/retention';

/** From this many exchanges, `clear` prints a line when it starts, because it takes several seconds. */
const LONG_CLEAR_EXCHANGES = 100_000;

interface ClearOptions {
  db: string;
  yes: boolean;
}

/** Asks `question` in the terminal and returns true for "y" or "yes". Ctrl+C and Ctrl+D count as "no". */
async function confirmed(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });

  try {
    const answer = await prompt.question(question);
    return /^(y|yes)$/i.test(answer.trim());
  } catch (error) {
    // readline rejects the question with an AbortError when Ctrl+C or Ctrl+D closes the prompt.
    if ((error as Error).name !== 'AbortError') {
      throw error;
    }

    process.stderr.write('\n');
    return false;
  } finally {
    prompt.close();
  }
}

/** Deletes every recorded exchange and call from a database, after confirmation, and gives the space back when it can. */
async function runClear(options: ClearOptions): Promise<void> {
  if (!existsSync(options.db)) {
    throw new SwitchboardError('invalid_option', `There is no database at ${options.db}, so there is nothing to clear. Pass --db with the file "switchboard listen" printed.`, {
      file: options.db,
    });
  }

  const db = openDatabase(options.db);

  try {
    const before = new HistoryPruner(db).counts();

    if (before.exchanges === 0 && before.calls === 0) {
      process.stdout.write(`The history in ${options.db} is already empty.\n`);
      return;
    }

    if (!options.yes) {
      if (!process.stdin.isTTY) {
        throw new SwitchboardError(
          'confirmation_required',
          `Clearing deletes ${counted(before.exchanges, 'exchange')} and ${counted(before.calls, 'call')} from ${options.db} and cannot be undone. Run it in a terminal to confirm, or pass --yes.`,
        );
      }

      if (!(await confirmed(`Delete ${counted(before.exchanges, 'exchange')} and ${counted(before.calls, 'call')} from ${options.db}? This cannot be undone. [y/N] `))) {
        process.stdout.write('Nothing was deleted.\n');
        return;
      }
    }

    if (before.exchanges >= LONG_CLEAR_EXCHANGES) {
      process.stdout.write(`Deleting ${counted(before.exchanges, 'exchange')}; this takes about a minute and a half per million.\n`);
    }

    // Rows left pending belong to a Switchboard that stopped abruptly, or to one recording now,
    // which writes such an exchange again, whole, when it finishes.
    const report = await new RetentionRunner(db, () => ({ keepCalls: null, keepDays: null, keepMegabytes: null })).clear({ includePending: true });
    process.stdout.write(`Deleted ${counted(report.exchanges, 'exchange')} and ${counted(report.calls, 'call')} from ${options.db}.\n`);
    process.stdout.write(`${shrink(db)}\n`);
  } finally {
    db.close();
  }
}

/** Gives freed pages back to the file system; another process with the file open makes VACUUM fail, which is harmless. */
function shrink(db: ReturnType<typeof openDatabase>): string {
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
    return 'The database file was compacted.';
  } catch (error) {
    return `The file keeps its size for now (${(error as Error).message}); new recordings reuse the freed space.`;
  }
}

export function addClearCommand(program: Command, dbOption: () => Option): void {
  program
    .command('clear')
    .description('Delete every recorded exchange and call from the database, then compact the file.')
    .addOption(dbOption())
    .option('--yes', 'do not ask for confirmation (needed when not run in a terminal)', false)
    .action((options: ClearOptions) => runClear(options));
}
