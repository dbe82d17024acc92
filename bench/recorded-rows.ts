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
