import type { IncomingMessage } from 'node:http';
import type { Engine } from '../core/engine';
import { SwitchboardError } from '../core/errors';

/** Returned by `routeAuth` when the request is for another route. */
export const NOT_AN_AUTH_ROUTE = Symbol('not an auth route');

/**
 * Handles the authentication routes of the control API. Secrets can be written but are never
 * returned: settings come back with `secretSet` in place of each secret.
 *
 * - `GET /api/auth`: the settings as an `AuthSettingsView`.
 * - `PUT /api/auth`: applies an `AuthSettingsInput`. Fields left out keep their value, and a
 *   secret left out keeps the one set for the same path and scheme.
 * - `GET /api/exchanges/:id/auth`: the recorded `AuthCheck` explanation of one exchange.
 */
export async function routeAuth(request: IncomingMessage, url: URL, engine: Engine, readJson: (request: IncomingMessage) => Promise<unknown>): Promise<unknown> {
  const method = request.method ?? 'GET';
  const path = url.pathname;

  if (path === '/api/auth' && method === 'GET') {
    return engine.auth.view();
  }

  if (path === '/api/auth' && method === 'PUT') {
    return engine.auth.update(await readJson(request));
  }

  const checkMatch = /^\/api\/exchanges\/(\d+)\/auth$/.exec(path);

  if (checkMatch !== null && method === 'GET') {
    const id = Number(checkMatch[1]);

    if (engine.store.summary(id) === undefined) {
      throw new SwitchboardError('exchange_not_found', `No exchange has id ${id}.`);
    }

    const check = engine.auth.explanation(id);

    if (check === undefined) {
      throw new SwitchboardError('not_found', `Exchange ${id} has no recorded authentication check, because no check was configured for its path when it arrived.`);
    }

    return check;
  }

  return NOT_AN_AUTH_ROUTE;
}
