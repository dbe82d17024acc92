import type { IncomingMessage } from 'node:http';
import { simulateCall } from '../core/call-simulator';
import { buildCallTimeline } from '../core/call-timeline';
import type { Engine } from '../core/engine';
import { SwitchboardError } from '../core/errors';
import { exchangeView } from './exchange-view';
import type { StatusTicker } from './status-ticker';

export interface InspectorRouteContext {
  engine: Engine;
  status: StatusTicker;
  readJson(request: IncomingMessage): Promise<unknown>;
}

/** No route of this module matched. */
export const NO_ROUTE = Symbol('no inspector route');

/**
 * Answers the control API routes that only the inspector UI uses: the exchange view with decoded
 * bodies, a call's timeline, the target's health and the call simulator. Returns `NO_ROUTE` for
 * any other path.
 */
export async function routeInspector(request: IncomingMessage, url: URL, context: InspectorRouteContext): Promise<unknown> {
  const { engine } = context;
  const method = request.method ?? 'GET';
  const path = url.pathname;

  const viewMatch = /^\/api\/exchanges\/(\d+)\/view$/.exec(path);

  if (method === 'GET' && viewMatch) {
    const id = Number(viewMatch[1]);
    const exchange = engine.store.detail(id);

    if (exchange === undefined) {
      throw new SwitchboardError('exchange_not_found', `No exchange has id ${id}. It may have been recorded in another database.`);
    }

    return exchangeView(exchange);
  }

  const timelineMatch = /^\/api\/calls\/([^/]+)\/timeline$/.exec(path);

  if (method === 'GET' && timelineMatch) {
    const callId = decodeURIComponent(timelineMatch[1] as string);
    const timeline = buildCallTimeline(engine.store, callId);

    if (timeline === undefined) {
      throw new SwitchboardError('not_found', `No call has id ${callId}. Calls appear once an event with message.call.id arrives.`);
    }

    return timeline;
  }

  if (method === 'GET' && path === '/api/target-health') {
    return url.searchParams.get('fresh') === '1' ? context.status.probe() : context.status.health();
  }

  if (method === 'POST' && path === '/api/simulate-call') {
    const body = (await context.readJson(request)) as { speed?: unknown } | null;
    const speed = body?.speed;

    if (speed !== undefined && typeof speed !== 'number') {
      throw new SwitchboardError('invalid_request', `Invalid simulation speed ${JSON.stringify(speed)}. Give a number such as 1 (real time) or 10.`);
    }

    return simulateCall(engine.receiveUrl, { ...(speed === undefined ? {} : { speed }), sign: (outgoing) => engine.auth.sign(outgoing) });
  }

  return NO_ROUTE;
}
