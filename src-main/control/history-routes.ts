import type { IncomingMessage } from 'node:http';
import type { PruneReport } from '../contract/history';
import type { Engine } from '../core/engine';

/** Returned by `routeHistory` when the request is for another route. */
export const NOT_A_HISTORY_ROUTE = Symbol('not a history route');

/**
 * Handles the history routes of the control API.
 *
 * - `POST /api/history/clear`: deletes every finished exchange and the calls left without
 *   exchanges, and returns a `PruneReport` with the counts. Exchanges in flight stay.
 *
 * Retention limits are settings (`keepCalls`, `keepDays`, `keepMegabytes`) and change through
 * `PATCH /api/settings`.
 */
export async function routeHistory(request: IncomingMessage, url: URL, engine: Engine): Promise<PruneReport | typeof NOT_A_HISTORY_ROUTE> {
  if (request.method === 'POST' && url.pathname === '/api/history/clear') {
    return engine.clearHistory();
  }

  return NOT_A_HISTORY_ROUTE;
}
