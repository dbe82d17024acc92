import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { HeaderPair } from '../../../contract/exchange';
import { SwitchboardError } from '../../errors';
import type { ForwardCancel } from '../../forward-cancel';
import { forwardRequestHeaders, withoutHopByHop } from '../../headers';
import type { OpenForwards } from '../../open-forwards';
import { sendToTarget, type TargetAgents } from '../../send-to-target';
import { targetHostHeader, targetRequestPath, targetRequestUrl, type Target } from '../../target';

/** The target's whole reply, or why there is none. */
export type BufferedForward =
  | { kind: 'reply'; status: number; statusMessage: string; headers: HeaderPair[]; body: Buffer; targetDurationMs: number }
  | { kind: 'failed'; error: SwitchboardError; targetDurationMs: number };

export interface BufferedForwardRequest {
  request: IncomingMessage;
  /** The caller's response; when the caller goes away the forward is aborted. */
  response: ServerResponse;
  target: Target;
  requestHeaders: HeaderPair[];
  body: Uint8Array;
  agents: TargetAgents;
  timeoutMs: number;
  /** Largest reply body read, in bytes. */
  limitBytes: number;
  eventType: string | null;
  /** Forwards waiting for the target, which the engine cancels when it stops. */
  forwards: OpenForwards;
}

/**
 * Forwards the request byte for byte and reads the target's whole reply before anything goes
 * back to the caller, so a mock rule can still answer when the target fails or replace some of
 * its tool results. Never throws.
 */
export async function forwardBuffered(forward: BufferedForwardRequest): Promise<BufferedForward> {
  const { target, timeoutMs } = forward;
  const { cancel, end } = forward.forwards.begin(
    forward.response,
    timeoutMs,
    () =>
      new SwitchboardError(
        'target_timeout',
        `The server at ${target.url.host} did not answer within ${timeoutMs} ms (the limit for ${forward.eventType ?? 'this request'}).`,
        { target: targetRequestUrl(target, forward.request.url ?? '/'), timeoutMs },
      ),
  );
  const startedAt = performance.now();

  try {
    const reply = await sendToTarget(
      {
        target,
        method: forward.request.method ?? 'POST',
        path: targetRequestPath(target, forward.request.url ?? '/'),
        headers: forwardRequestHeaders(forward.requestHeaders, {
          targetHost: targetHostHeader(target),
          bodyLength: forward.body.byteLength,
          remoteAddress: forward.request.socket.remoteAddress,
          protocol: 'http',
        }),
        body: forward.body,
        cancel,
      },
      forward.agents,
    );
    const body = await readAll(reply.body, cancel, forward.limitBytes);
    return { kind: 'reply', status: reply.status, statusMessage: reply.statusMessage, headers: withoutHopByHop(reply.headers), body, targetDurationMs: performance.now() - startedAt };
  } catch (error) {
    const failure = error instanceof SwitchboardError ? error : new SwitchboardError('target_error', `Forwarding failed: ${(error as Error).message}.`);
    return { kind: 'failed', error: failure, targetDurationMs: performance.now() - startedAt };
  } finally {
    end();
  }
}

function readAll(stream: IncomingMessage, cancel: ForwardCancel, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;

    if (cancel.cancelled) {
      stream.destroy();
      reject(cancel.reason);
      return;
    }

    cancel.onCancel((reason) => {
      stream.destroy();
      reject(reason);
    });

    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;

      if (size > limitBytes) {
        stream.destroy();
        reject(new SwitchboardError('target_error', `The target's reply is larger than the body limit of ${limitBytes} bytes. Raise the limit with --body-limit.`));
        return;
      }

      chunks.push(chunk);
    });
    stream.on('end', () => {
      cancel.onCancel(null);
      resolve(Buffer.concat(chunks, size));
    });
    stream.on('error', (error) => {
      cancel.onCancel(null);
      reject(cancel.cancelled ? cancel.reason : new SwitchboardError('target_error', `The target's connection broke while sending its reply: ${error.message}.`));
    });
  });
}
