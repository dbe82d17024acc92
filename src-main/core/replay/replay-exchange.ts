import { performance } from 'node:perf_hooks';
import type { ExchangeDetail, ExchangeSummary, HeaderPair, Outcome } from '../../contract/exchange';
import type { ReplayRequest } from '../../contract/replay';
import type { Settings } from '../../contract/settings';
import type { ExchangeStore } from '../../recorder/exchange-store';
import type { Recorder } from '../../recorder/thread/recorder';
import { checksForExchange } from '../checks/check-exchange';
import { messageOf, SwitchboardError } from '../errors';
import { withoutHopByHop } from '../headers';
import { ForwardCancel } from '../forward-cancel';
import { sendToTarget, type TargetAgents } from '../send-to-target';
import { timeoutFor } from '../settings';
import type { Target } from '../target';
import { parseVapiMessage, vapiFieldsOf } from '../vapi-event';
import { readReply, ReplyBroken, type ReadReply } from '../read-reply';
import { resolveReplayBody } from './replay-body';
import { replayDestination, type ReplayDestination } from './replay-destination';
import { prepareReplayHeaders } from './replay-headers';
import type { ReplaySigning } from './replay-signing';

/** Engine state that a replay uses. */
export interface ReplayContext {
  store: ExchangeStore;
  recorder: Recorder;
  agents: TargetAgents;
  settings: Settings;
  /** The current target, or null when none is set. */
  target: Target | null;
  signing: ReplaySigning;
}

export interface ReplayOptions extends ReplayRequest {
  /** Aborting cancels the replay; it is then recorded as `interrupted`. */
  signal?: AbortSignal;
}

/**
 * Sends one recorded exchange again, as recorded or edited, and records the result as a new
 * exchange linked to the original. Resolves with the recorded replay whatever the target did;
 * rejects only when the replay cannot be built (unknown id, no target, invalid edits, or a body
 * that was never recorded).
 */
export async function replayExchange(context: ReplayContext, originalId: number, options: ReplayOptions = {}): Promise<ExchangeDetail> {
  const original = context.store.detail(originalId);

  if (original === undefined) {
    throw new SwitchboardError('exchange_not_found', `No exchange has id ${originalId}. Run "switchboard list" to see the recorded ids.`, {
      exchangeId: originalId,
    });
  }

  if (bodyNotRecorded(original) && options.bodyText === undefined && options.bodyBase64 === undefined) {
    throw new SwitchboardError(
      'invalid_request',
      `Exchange ${originalId} was rejected for exceeding the body limit, so its body was not recorded and cannot be replayed. Give the body to send (--body-file on the command line).`,
      { exchangeId: originalId },
    );
  }

  const destination = replayDestination(original, options.to, context.target);
  const headers = options.headers ?? original.requestHeaders;
  const body = resolveReplayBody(original, options, headers);
  const prepared = await prepareReplayHeaders({
    headers,
    method: original.method,
    url: destination.url,
    receivedPath: original.path,
    targetHost: destination.hostHeader,
    body: body.bytes,
    contentEncoding: body.contentEncoding,
    bodyChanged: body.changed,
    signing: context.signing,
  });
  const message = body.plain === null ? undefined : parseVapiMessage(body.plain);
  const fields = vapiFieldsOf(message);

  // Call facts stay as the original call set them: a replayed status-update must not move the
  // call's status back in time.
  const recording = context.recorder.begin({
    receivedAt: Date.now(),
    method: original.method,
    path: original.path,
    query: original.query,
    requestHeaders: prepared.headers,
    requestBody: body.bytes,
    fields: fields.type === null ? { ...fields, type: original.type, callId: original.callId } : fields,
    callFacts: {},
    targetUrl: destination.url,
    replayOf: original.id,
    source: 'replay',
    edited: body.changed || headersEdited(original.requestHeaders, options.headers),
    signature: prepared.signature,
  });

  const startedAt = performance.now();
  const reply = await send(context, destination, original, prepared.headers, body.bytes, options.signal);
  const durationMs = performance.now() - startedAt;
  const checks = checksForExchange(fields.type ?? original.type, message, { ...reply, targetDurationMs: durationMs }, durationMs);
  const recorded = await context.recorder.finish(recording, { ...reply, durationMs, targetDurationMs: durationMs, checks });
  const detail = recorded === null ? undefined : context.store.detail(recorded.id);

  if (detail === undefined) {
    throw notRecorded(originalId);
  }

  return detail;
}

function notRecorded(originalId: number): SwitchboardError {
  return new SwitchboardError(
    'record_failed',
    `The replay of exchange ${originalId} was sent, but it could not be recorded because writing to the database failed. Check the log for the database error, free disk space or close other programs using the file, and replay again.`,
    { exchangeId: originalId },
  );
}

/** True for a request rejected on arrival for its size, whose body was never recorded. */
export function bodyNotRecorded(exchange: Pick<ExchangeSummary, 'outcome' | 'errorCode'>): boolean {
  return exchange.outcome === 'rejected' && exchange.errorCode === 'body_too_large';
}

/** Sends the request and reads the reply; every failure becomes a result instead of a rejection. */
async function send(
  context: ReplayContext,
  destination: ReplayDestination,
  original: ExchangeDetail,
  headers: HeaderPair[],
  body: Buffer,
  cancel: AbortSignal | undefined,
): Promise<ReadReply> {
  const timeoutMs = timeoutFor(context.settings, original.type);
  const forward = new ForwardCancel();
  const timer = setTimeout(() => {
    forward.cancel(
      new SwitchboardError(
        'target_timeout',
        `The server at ${destination.target.url.host} did not answer within ${timeoutMs} ms (the limit for ${original.type ?? 'this request'}).`,
      ),
    );
  }, timeoutMs);
  const onCancelled = (): void => forward.cancel(cancelled());

  if (cancel?.aborted === true) {
    onCancelled();
  }

  cancel?.addEventListener('abort', onCancelled, { once: true });

  try {
    const reply = await sendToTarget(
      { target: destination.target, method: original.method, path: destination.path, headers, body, cancel: forward },
      context.agents,
    );
    return await readReply(reply, forward, context.settings.bodyLimitBytes);
  } catch (error) {
    return failedReply(error instanceof ReplyBroken ? error.reason : error);
  } finally {
    clearTimeout(timer);
    cancel?.removeEventListener('abort', onCancelled);
  }
}

function cancelled(): SwitchboardError {
  return new SwitchboardError('interrupted', 'The replay was cancelled before the target answered.');
}

const OUTCOME_BY_CODE: Partial<Record<string, Outcome>> = {
  target_timeout: 'target_timeout',
  target_unreachable: 'target_unreachable',
  interrupted: 'interrupted',
};

function failedReply(error: unknown): ReadReply {
  const failure =
    error instanceof SwitchboardError
      ? error
      : new SwitchboardError('target_error', `The replay failed: ${messageOf(error)}.`);

  return {
    status: null,
    responseHeaders: null,
    responseBody: null,
    outcome: OUTCOME_BY_CODE[failure.code] ?? 'target_error',
    errorCode: failure.code,
    errorMessage: failure.message,
  };
}

/** True when an edited header list differs from the recorded one in anything a replay sends as given. */
function headersEdited(recorded: readonly HeaderPair[], edited: readonly HeaderPair[] | undefined): boolean {
  if (edited === undefined) {
    return false;
  }

  const comparable = (pairs: readonly HeaderPair[]): string =>
    JSON.stringify(withoutHopByHop(pairs).filter(([name]) => !['host', 'content-length'].includes(name.toLowerCase())));

  return comparable(recorded) !== comparable(edited);
}
