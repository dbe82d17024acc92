import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { HeaderPair, Outcome } from '../contract/exchange';
import type { Settings } from '../contract/settings';
import type { ExchangeResult } from '../recorder/exchange-writer';
import type { Recorder, Recording } from '../recorder/thread/recorder';
import { authRejection, type RequestAuth } from './auth/request-auth';
import { checksForExchange } from './checks/check-exchange';
import { messageOf, SwitchboardError } from './errors';
import type { ForwardCancel } from './forward-cancel';
import type { OpenForwards } from './open-forwards';
import { flattenPairs, forwardRequestHeaders, pairsFromRawHeaders, withoutHopByHop } from './headers';
import { readBody } from './read-body';
import { readReply, ReplyBroken, type ReadReply } from './read-reply';
import { sendToTarget, type TargetAgents, type TargetResponse } from './send-to-target';
import { timeoutFor } from './settings';
import { targetHostHeader, targetRequestPath, targetRequestUrl, type Target } from './target';
import { answerFromMockRules } from './mocks/runtime/mock-exchange-step';
import type { MockRuntime } from './mocks/runtime/mock-runtime';
import { readReceivedEvent, type ParsedEvent } from './received-event';
import { EMPTY_VAPI_FIELDS } from './vapi-event';

/** What the handler needs from the engine for one request. */
export interface HandlerContext {
  settings: Settings;
  target: Target | null;
  recorder: Recorder;
  agents: TargetAgents;
  auth: RequestAuth;
  mocks: MockRuntime;
  /** Forwards waiting for the target, which the engine cancels when it stops. */
  forwards: OpenForwards;
}

/** The recorded part of one request while it is in flight. */
interface InFlight {
  recording: Recording;
  body: Uint8Array;
  startedAt: number;
  /** The event type, for the reply checks; absent when the body was not read. */
  type?: string | null;
  /** The parsed event, for the reply checks; null when the recording thread parses it and checks the reply. */
  parsed?: ParsedEvent | null;
}

/**
 * Receives one request: queues it for recording, forwards it, streams the reply back and queues
 * the reply. Target failures become a recorded outcome and an error reply, and recording failures
 * reach the recorder's `record-error` event. Anything else rejects, and the engine replies 500.
 */
export async function handleExchange(request: IncomingMessage, response: ServerResponse, context: HandlerContext): Promise<void> {
  const startedAt = performance.now();
  const receivedAt = Date.now();
  const rawUrl = request.url ?? '/';
  const queryStart = rawUrl.indexOf('?');
  const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = queryStart === -1 ? '' : rawUrl.slice(queryStart + 1);
  const requestHeaders = pairsFromRawHeaders(request.rawHeaders);
  const { settings, target } = context;
  const targetUrl = target === null ? null : targetRequestUrl(target, rawUrl);
  const read = await readBody(request, settings.bodyLimitBytes);

  if (read.kind === 'aborted') {
    return;
  }

  if (read.kind === 'too_large') {
    const recording = context.recorder.begin({
      receivedAt,
      method: request.method ?? 'GET',
      path,
      query,
      requestHeaders,
      requestBody: Buffer.alloc(0),
      fields: EMPTY_VAPI_FIELDS,
      callFacts: {},
      targetUrl,
      outcome: 'rejected',
    });
    const size = read.declaredBytes ?? read.receivedBytes;
    const error = new SwitchboardError(
      'body_too_large',
      `The request body (${read.declaredBytes === null ? 'more than ' : ''}${size} bytes) is larger than the limit of ${settings.bodyLimitBytes} bytes, so it was not forwarded. Raise the limit with --body-limit.`,
      { limitBytes: settings.bodyLimitBytes },
    );
    const reply = sendError(response, 413, error, true);
    await finish(context, { recording, body: Buffer.alloc(0), startedAt }, { ...reply, outcome: 'rejected', targetDurationMs: null });
    request.resume();
    return;
  }

  const mocking = context.mocks.hasActiveRules();
  const event = readReceivedEvent(read.body, requestHeaders, settings.bodyLimitBytes, mocking);
  const authCheck = context.auth.check({ method: request.method ?? 'GET', rawUrl, headers: requestHeaders, body: read.body, receivedAt });
  const recording = context.recorder.begin({
    receivedAt,
    method: request.method ?? 'GET',
    path,
    query,
    requestHeaders,
    requestBody: read.body,
    ...(event.parsed === null ? {} : { fields: event.parsed.fields, callFacts: event.parsed.callFacts }),
    targetUrl,
    auth: authCheck.state,
    authReason: authCheck.reason,
    // Only checks of a configured scheme are stored, so the others stay off the recording queue.
    ...(authCheck.scheme === 'none' ? {} : { authCheck }),
  });
  const inFlight: InFlight = { recording, body: read.body, startedAt, type: event.type, parsed: event.parsed };

  if (context.auth.rejects(authCheck)) {
    await finish(context, inFlight, { ...sendError(response, 401, authRejection(authCheck)), outcome: 'rejected', targetDurationMs: null });
    return;
  }

  const mocked =
    mocking && event.parsed !== null
      ? await answerFromMockRules(request, response, context, { path, body: read.body, message: event.parsed.message, fields: event.parsed.fields, requestHeaders })
      : null;

  if (mocked !== null) {
    await finish(context, inFlight, mocked);
    return;
  }

  if (target === null) {
    const error = new SwitchboardError(
      'no_target',
      'No target is set, so the event was recorded but not forwarded. Pass --forward-to with your server URL, or set the target in Settings.',
    );
    await finish(context, inFlight, { ...sendError(response, 502, error), outcome: 'target_unreachable', targetDurationMs: null });
    return;
  }

  // Only a recording backlog past its memory limit delays the forward.
  const room = context.recorder.roomForMore();

  if (room !== null) {
    await room;
  }

  await forwardAndRelay(request, response, context, target, inFlight, event.type, rawUrl, requestHeaders);
}

async function forwardAndRelay(
  request: IncomingMessage,
  response: ServerResponse,
  context: HandlerContext,
  target: Target,
  inFlight: InFlight,
  eventType: string | null,
  rawUrl: string,
  requestHeaders: HeaderPair[],
): Promise<void> {
  const timeoutMs = timeoutFor(context.settings, eventType);
  const { cancel, end } = context.forwards.begin(
    response,
    timeoutMs,
    () =>
      new SwitchboardError(
        'target_timeout',
        `The server at ${target.url.host} did not answer within ${timeoutMs} ms (the limit for ${eventType ?? 'this request'}). Answer faster, or raise the limit with ${timeoutOption(context.settings, eventType)}.`,
        { target: targetRequestUrl(target, rawUrl), timeoutMs },
      ),
  );
  const targetStartedAt = performance.now();

  try {
    const reply = await sendToTarget(
      {
        target,
        method: request.method ?? 'GET',
        path: targetRequestPath(target, rawUrl),
        headers: forwardRequestHeaders(requestHeaders, {
          targetHost: targetHostHeader(target),
          bodyLength: inFlight.body.byteLength,
          remoteAddress: request.socket.remoteAddress,
          protocol: 'http',
        }),
        body: inFlight.body,
        cancel,
      },
      context.agents,
    );
    const relayed = await relayReply(reply, response, cancel, context.settings.bodyLimitBytes);
    const targetDurationMs = performance.now() - targetStartedAt;
    await finish(context, inFlight, { ...relayed, targetDurationMs });
  } catch (error) {
    const failure = asFailure(error instanceof ReplyBroken ? error.reason : error);
    const targetDurationMs = performance.now() - targetStartedAt;

    if (response.headersSent || response.destroyed) {
      response.destroy();
      const partial = error instanceof ReplyBroken ? error : null;
      await finish(context, inFlight, {
        status: response.headersSent ? response.statusCode : null,
        responseHeaders: partial?.headers ?? null,
        responseBody: partial?.body ?? null,
        outcome: failure.outcome,
        errorCode: failure.error.code,
        errorMessage: failure.error.message,
        targetDurationMs,
      });
      return;
    }

    await finish(context, inFlight, { ...sendError(response, failure.status, failure.error), outcome: failure.outcome, targetDurationMs });
  } finally {
    end();
  }
}

type PartialResult = Omit<ExchangeResult, 'durationMs'>;

/** The CLI option that sets the timeout for `eventType`, as a hint in timeout messages. */
function timeoutOption(settings: Settings, eventType: string | null): string {
  return eventType !== null && settings.timeoutMsByType[eventType] !== undefined ? `--type-timeout ${eventType}=SECONDS` : '--timeout';
}

/**
 * Streams the target's reply to the caller chunk by chunk while keeping a copy for the record,
 * up to `limitBytes`; the caller still receives every byte past that.
 */
function relayReply(reply: TargetResponse, response: ServerResponse, cancel: ForwardCancel, limitBytes: number): Promise<ReadReply> {
  response.writeHead(reply.status, reply.statusMessage, flattenPairs(withoutHopByHop(reply.headers)));
  return readReply(reply, cancel, limitBytes, response);
}

function asFailure(error: unknown): { status: number; outcome: Outcome; error: SwitchboardError } {
  if (!(error instanceof SwitchboardError)) {
    const message = messageOf(error);
    return { status: 502, outcome: 'target_error', error: new SwitchboardError('target_error', `Forwarding failed: ${message}.`) };
  }

  switch (error.code) {
    case 'target_timeout':
      return { status: 504, outcome: 'target_timeout', error };
    case 'interrupted':
      return { status: 502, outcome: 'interrupted', error };
    case 'target_unreachable':
      return { status: 502, outcome: 'target_unreachable', error };
    default:
      return { status: 502, outcome: 'target_error', error };
  }
}

/** Answers with Switchboard's own JSON error body and returns what was sent, for the record. */
function sendError(response: ServerResponse, status: number, error: SwitchboardError, closeConnection = false): Omit<PartialResult, 'outcome' | 'targetDurationMs'> {
  const body = Buffer.from(JSON.stringify(error.toBody()));
  const headers: HeaderPair[] = [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Content-Length', String(body.length)],
    ['X-Switchboard-Error', error.code],
  ];

  if (closeConnection) {
    headers.push(['Connection', 'close']);
  }

  response.writeHead(status, flattenPairs(headers));
  response.end(body);

  return { status, responseHeaders: headers, responseBody: body, errorCode: error.code, errorMessage: error.message };
}

/**
 * Queues the result with its reply checks; resolves once it is committed or has failed. When the
 * live path did not parse the event, the recording thread parses it and checks the reply.
 */
async function finish(context: HandlerContext, inFlight: InFlight, result: PartialResult): Promise<void> {
  const durationMs = performance.now() - inFlight.startedAt;
  const parsed = inFlight.parsed;
  const checks = result.checks ?? (parsed === null ? undefined : checksForExchange(inFlight.type ?? null, parsed?.message, result, durationMs));

  await context.recorder.finish(inFlight.recording, { ...result, durationMs, ...(checks === undefined ? {} : { checks }) });
}
