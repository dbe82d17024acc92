import { openDatabase } from '../src-main/recorder/open-database';

/** Counts the exchanges a run left in a database: all rows, and those forwarded with a reply. */
export function countRecorded(dbPath: string): { total: number; forwarded: number; searchable: number } {
  const db = openDatabase(dbPath, { readonly: true });

  try {
    const total = (db.prepare('SELECT count(*) AS n FROM exchanges').get() as { n: number }).n;
    const forwarded = (db.prepare("SELECT count(*) AS n FROM exchanges WHERE outcome = 'forwarded' AND status = 200").get() as { n: number }).n;
    const searchable = (db.prepare('SELECT count(*) AS n FROM exchange_text').get() as { n: number }).n;
    return { total, forwarded, searchable };
  } finally {
    db.close();
  }
}

/** How often `waitForRows` counts the rows, in ms. */
const POLL_INTERVAL_MS = 50;

/**
 * Waits until the database contains at least `rows` exchanges, and returns how long that took in
 * seconds. Switchboard records on its own thread after it has answered, so rows can trail the
 * replies; the benchmark counts this catch-up as part of Switchboard's time.
 */
export async function waitForRows(dbPath: string, rows: number, timeoutSeconds: number): Promise<number> {
  const started = performance.now();
  const db = openDatabase(dbPath, { readonly: true });
  const count = db.prepare('SELECT count(*) AS n FROM exchanges');

  try {
    while ((count.get() as { n: number }).n < rows) {
      if (performance.now() - started > timeoutSeconds * 1000) {
        throw new Error(`Switchboard recorded fewer than ${rows} exchanges within ${timeoutSeconds} s of answering them.`);
      }

      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  } finally {
    db.close();
  }

  return (performance.now() - started) / 1000;
}
