import type { Database, Statement } from 'better-sqlite3';
import type { AuthCheck } from '../contract/auth';

/**
 * Keeps the full explanation of each authentication check, apart from the exchange row, which
 * holds only the state and reason. Explanations carry no secrets: the expected HMAC, the
 * received headers and the signed bytes, which are derived from the request as received.
 */
export class AuthCheckStore {
  private readonly insertCheck: Statement;
  private readonly selectCheck: Statement;

  constructor(db: Database) {
    this.insertCheck = db.prepare('INSERT OR REPLACE INTO auth_checks (exchange_id, detail) VALUES (?, ?)');
    this.selectCheck = db.prepare('SELECT detail FROM auth_checks WHERE exchange_id = ?');
  }

  insert(exchangeId: number, check: AuthCheck): void {
    this.insertCheck.run(exchangeId, JSON.stringify(check));
  }

  /** Reads the explanation recorded for an exchange; undefined when none was (no check configured, or an older record). */
  get(exchangeId: number): AuthCheck | undefined {
    const row = this.selectCheck.get(exchangeId) as { detail: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.detail) as AuthCheck);
  }
}
