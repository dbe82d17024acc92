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
 * Waits until the database contains at least `rows` finished exchanges, and returns how long that
 * took in seconds. Switchboard records on its own thread after it has sent the reply, so rows can
 * trail the replies, and a row written while its exchange was in flight stays `pending` until its
 * reply is written too. The benchmark counts this catch-up as part of Switchboard's time.
 */
export async function waitForRows(dbPath: string, rows: number, timeoutSeconds: number): Promise<number> {
  const started = performance.now();
  const db = openDatabase(dbPath, { readonly: true });
  const count = db.prepare("SELECT (SELECT count(*) FROM exchanges) - (SELECT count(*) FROM exchanges WHERE outcome = 'pending') AS n");

  try {
    while ((count.get() as { n: number }).n < rows) {
      if (performance.now() - started > timeoutSeconds * 1000) {
        throw new Error(`Switchboard finished recording fewer than ${rows} exchanges within ${timeoutSeconds} s of replying. Run npm run bench -- --keep-temp and read the listen log in the temp folder for the cause.`);
      }

      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  } finally {
    db.close();
  }

  return (performance.now() - started) / 1000;
}
