import type { Database, Statement } from 'better-sqlite3';
import type { AuthCheck } from '../contract/auth';

/**
 * Reads the full explanation of each authentication check, kept apart from the exchange row, which
 * holds only the state and reason. Explanations carry no secrets: the expected HMAC, the
 * received headers and the signed bytes, which are derived from the request as received.
 */
export class AuthCheckStore {
  private readonly selectCheck: Statement;

  constructor(db: Database) {
    this.selectCheck = db.prepare('SELECT detail FROM auth_checks WHERE exchange_id = ?');
  }

  /** Reads the explanation recorded for an exchange; undefined when none was (no check configured, or an older record). */
  get(exchangeId: number): AuthCheck | undefined {
    const row = this.selectCheck.get(exchangeId) as { detail: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.detail) as AuthCheck);
  }
}
