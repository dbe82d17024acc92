import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { Engine } from '../core/engine';
import { SwitchboardError } from '../core/errors';
import { exchangeDetailJson } from '../core/exchange-json';
import { compareExchanges } from '../core/replay/compare';

/** Returned by `routeReplay` when the request is for another route. */
export const NOT_A_REPLAY_ROUTE = Symbol('not a replay route');

const headerPair = z.tuple([z.string().min(1), z.string()]);

const replayRequestSchema = z.strictObject({
  to: z.string().optional(),
  bodyText: z.string().optional(),
  bodyBase64: z.base64().optional(),
  set: z.array(z.strictObject({ pointer: z.string(), value: z.unknown() })).optional(),
  headers: z.array(headerPair).optional(),
  allowInvalidJson: z.boolean().optional(),
});

const callReplayRequestSchema = z.strictObject({
  timing: z.enum(['fast', 'original']).optional(),
  stopOnFailure: z.boolean().optional(),
  to: z.string().optional(),
});

/**
 * Handles the replay routes of the control API:
 *
 * - `GET  /api/exchanges/:id/replay-draft`: the recorded request made editable.
 * - `POST /api/exchanges/:id/replay`: replays it (body: `ReplayRequest`) and returns the recorded replay.
 * - `GET  /api/compare?left=ID&right=ID`: an `ExchangeComparison`.
 * - `POST /api/calls/:callId/replay`: starts a whole-call replay (body: `CallReplayRequest`).
 * - `GET  /api/call-replays/:runId` and `POST /api/call-replays/:runId/cancel`: its state, and cancelling it.
 */
export async function routeReplay(request: IncomingMessage, url: URL, engine: Engine): Promise<unknown> {
  const method = request.method ?? 'GET';
  const path = url.pathname;
  const exchangeMatch = /^\/api\/exchanges\/(\d+)\/(replay|replay-draft)$/.exec(path);

  if (method === 'GET' && exchangeMatch?.[2] === 'replay-draft') {
    return engine.replayDraft(Number(exchangeMatch[1]));
  }

  if (method === 'POST' && exchangeMatch?.[2] === 'replay') {
    const edits = parseBody(replayRequestSchema, await readJsonBody(request, requestLimit(engine)), 'replay');
    return exchangeDetailJson(await engine.replay(Number(exchangeMatch[1]), edits));
  }

  if (method === 'GET' && path === '/api/compare') {
    const left = requireExchange(engine, idParam(url, 'left'));
    const right = requireExchange(engine, idParam(url, 'right'));
    return compareExchanges(left, right);
  }

  const callMatch = /^\/api\/calls\/([^/]+)\/replay$/.exec(path);

  if (method === 'POST' && callMatch) {
    const options = parseBody(callReplayRequestSchema, await readJsonBody(request, 64 * 1024), 'call replay');
    const { runId, total } = engine.replayCall(decodeURIComponent(callMatch[1] as string), options);
    return { runId, total };
  }

  const runMatch = /^\/api\/call-replays\/([\w-]+)(\/cancel)?$/.exec(path);

  if (method === 'GET' && runMatch && runMatch[2] === undefined) {
    return engine.callReplays.get(runMatch[1] as string);
  }

  if (method === 'POST' && runMatch?.[2] === '/cancel') {
    return engine.callReplays.cancel(runMatch[1] as string);
  }

  return NOT_A_REPLAY_ROUTE;
}

function requireExchange(engine: Engine, id: number): NonNullable<ReturnType<Engine['store']['detail']>> {
  const exchange = engine.store.detail(id);

  if (exchange === undefined) {
    throw new SwitchboardError('exchange_not_found', `No exchange has id ${id}.`, { exchangeId: id });
  }

  return exchange;
}

function idParam(url: URL, name: string): number {
  const raw = url.searchParams.get(name) ?? '';

  if (!/^\d+$/.test(raw)) {
    throw new SwitchboardError('invalid_request', `Query parameter "${name}" must be an exchange id, not "${raw}".`);
  }

  return Number(raw);
}

/** Returns the largest accepted replay request, because an edited body may be as large as the body limit and JSON escaping can double it. */
function requestLimit(engine: Engine): number {
  return engine.settings.bodyLimitBytes * 2 + 64 * 1024;
}

function parseBody<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value ?? {});

  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw new SwitchboardError('invalid_request', `Invalid ${what} request: ${field}: ${issue?.message ?? 'invalid value'}.`);
  }

  return parsed.data;
}

/** Reads a JSON request body of at most `limitBytes`; an empty body reads as undefined. */
async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;

  for await (const chunk of request) {
    size += (chunk as Buffer).length;

    if (size > limitBytes) {
      throw new SwitchboardError('invalid_request', `The request body is larger than ${limitBytes} bytes.`);
    }

    chunks.push(chunk as Buffer);
  }

  const text = Buffer.concat(chunks).toString('utf8');

  if (text.trim() === '') {
    return undefined;
  }

  try {
    return JSON.parse(text);
  } catch {
    throw new SwitchboardError('invalid_request', 'The request body is not valid JSON.');
  }
}
