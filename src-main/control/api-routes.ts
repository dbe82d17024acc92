import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiResult, ErrorCode } from '../contract/errors';
import { OUTCOMES, type ExchangeQuery, type Outcome } from '../contract/exchange';
import type { Engine } from '../core/engine';
import { SwitchboardError, withBusyExplained } from '../core/errors';
import { exchangeDetailJson } from '../core/exchange-json';
import type { RuntimeInfo } from '../contract/settings';
import { NOT_A_MOCKS_ROUTE, routeMocks } from './mock-routes';
import { NOT_A_REPLAY_ROUTE, routeReplay } from './replay-routes';
import { NOT_AN_AUTH_ROUTE, routeAuth } from './auth-routes';
import { NO_ROUTE, routeInspector } from './inspector-routes';
import { NOT_A_HISTORY_ROUTE, routeHistory } from './history-routes';
import type { StatusTicker } from './status-ticker';

/** Error codes that mean the addressed thing does not exist, answered 404. */
const NOT_FOUND_CODES: ReadonlySet<ErrorCode> = new Set(['exchange_not_found', 'mock_rule_not_found', 'not_found']);

/** Error codes that mean Switchboard itself failed, answered 500. */
const SERVER_FAILURE_CODES: ReadonlySet<ErrorCode> = new Set(['internal_error', 'record_failed']);

/** Error codes of a passing condition, sent with status 503 so the caller retries. */
const RETRY_CODES: ReadonlySet<ErrorCode> = new Set(['database_busy']);

const MAX_SETTINGS_BODY_BYTES = 64 * 1024;

export interface RouteContext {
  engine: Engine;
  runtime(): RuntimeInfo;
  status: StatusTicker;
}

/** Answers one `/api/...` request. Every answer is an `ApiResult` envelope. */
export async function routeApi(request: IncomingMessage, response: ServerResponse, url: URL, context: RouteContext): Promise<void> {
  try {
    const value = await dispatch(request, url, context);
    sendJson(response, 200, { ok: true, value });
  } catch (thrown) {
    const error = withBusyExplained(thrown);
    const failure =
      error instanceof SwitchboardError ? error : new SwitchboardError('internal_error', `The request failed: ${(error as Error).message}.`);
    const status = NOT_FOUND_CODES.has(failure.code) ? 404 : SERVER_FAILURE_CODES.has(failure.code) ? 500 : RETRY_CODES.has(failure.code) ? 503 : 400;
    // `field` names the setting an invalid value belongs to, so the settings form can show the error under it.
    const field = typeof failure.details.field === 'string' ? { field: failure.details.field } : {};
    sendJson(response, status, { ok: false, error: { code: failure.code, message: failure.message, ...field } });
  }
}

async function dispatch(request: IncomingMessage, url: URL, context: RouteContext): Promise<unknown> {
  const { engine } = context;
  const method = request.method ?? 'GET';
  const path = url.pathname;
  const inspectorAnswer = await routeInspector(request, url, { engine, status: context.status, readJson });

  if (inspectorAnswer !== NO_ROUTE) {
    return inspectorAnswer;
  }

  if (method === 'GET' && path === '/api/runtime') {
    return context.runtime();
  }

  if (method === 'GET' && path === '/api/settings') {
    return engine.settings;
  }

  if (method === 'PATCH' && path === '/api/settings') {
    return engine.updateSettings((await readJson(request)) as object);
  }

  if (method === 'GET' && path === '/api/exchanges') {
    return engine.listExchanges(exchangeQuery(url.searchParams));
  }

  const exchangeMatch = /^\/api\/exchanges\/(\d+)$/.exec(path);

  if (method === 'GET' && exchangeMatch) {
    const id = Number(exchangeMatch[1]);
    const exchange = engine.store.detail(id);

    if (exchange === undefined) {
      throw new SwitchboardError('exchange_not_found', `No exchange has id ${id}.`);
    }

    return exchangeDetailJson(exchange);
  }

  if (method === 'GET' && path === '/api/calls') {
    return engine.store.listCalls(numberParam(url.searchParams, 'limit') ?? 200);
  }

  const callMatch = /^\/api\/calls\/([^/]+)$/.exec(path);

  if (method === 'GET' && callMatch) {
    const callId = decodeURIComponent(callMatch[1] as string);
    const call = engine.store.call(callId);

    if (call === undefined) {
      throw new SwitchboardError('not_found', `No call has id ${callId}.`);
    }

    return call;
  }

  const mocksAnswer = await routeMocks(request, url, engine);

  if (mocksAnswer !== NOT_A_MOCKS_ROUTE) {
    return mocksAnswer;
  }

  const replayAnswer = await routeReplay(request, url, engine);

  if (replayAnswer !== NOT_A_REPLAY_ROUTE) {
    return replayAnswer;
  }

  const authAnswer = await routeAuth(request, url, engine, readJson);

  if (authAnswer !== NOT_AN_AUTH_ROUTE) {
    return authAnswer;
  }

  const historyAnswer = await routeHistory(request, url, engine);

  if (historyAnswer !== NOT_A_HISTORY_ROUTE) {
    return historyAnswer;
  }

  throw new SwitchboardError('not_found', `No API route ${method} ${path}.`);
}

function exchangeQuery(params: URLSearchParams): ExchangeQuery {
  const query: ExchangeQuery = {};
  const outcome = params.get('outcome');

  if (outcome !== null && outcome !== '') {
    if (!OUTCOMES.includes(outcome as Outcome)) {
      throw new SwitchboardError('invalid_request', `Unknown outcome "${outcome}". Use one of: ${OUTCOMES.join(', ')}.`);
    }

    query.outcome = outcome as Outcome;
  }

  const type = params.get('type');
  const callId = params.get('call');
  const text = params.get('q');

  if (type !== null && type !== '') query.type = type;
  if (callId !== null && callId !== '') query.callId = callId;
  if (text !== null && text !== '') query.text = text;

  const status = numberParam(params, 'status');
  const beforeId = numberParam(params, 'before');
  const limit = numberParam(params, 'limit');

  const afterId = numberParam(params, 'after');

  if (status !== undefined) query.status = status;
  if (beforeId !== undefined) query.beforeId = beforeId;
  if (afterId !== undefined) query.afterId = afterId;
  if (params.get('warnings') === '1') query.hasWarnings = true;
  if (limit !== undefined) query.limit = limit;

  return query;
}

function numberParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);

  if (raw === null || raw === '') {
    return undefined;
  }

  const value = Number(raw);

  if (!Number.isInteger(value)) {
    throw new SwitchboardError('invalid_request', `Query parameter "${name}" must be a whole number, not "${raw}".`);
  }

  return value;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;

  for await (const chunk of request) {
    size += (chunk as Buffer).length;

    if (size > MAX_SETTINGS_BODY_BYTES) {
      throw new SwitchboardError('invalid_request', 'The request body is larger than 64 KiB.');
    }

    chunks.push(chunk as Buffer);
  }

  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new SwitchboardError('invalid_request', 'The request body is not valid JSON.');
  }
}

export function sendJson(response: ServerResponse, status: number, value: ApiResult<unknown> | object): void {
  const body = Buffer.from(JSON.stringify(value));
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  response.end(body);
}
