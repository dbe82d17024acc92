import type { Writable } from 'node:stream';
import type { HeaderPair } from '../contract/exchange';
import type { ExchangeResult } from '../recorder/exchange-writer';
import { SwitchboardError } from './errors';
import type { TargetResponse } from './send-to-target';

/** A target's reply read to the end, without the timings. */
export type ReadReply = Omit<ExchangeResult, 'durationMs' | 'targetDurationMs'>;

/** A reply that stopped before its last byte, with the headers and the bytes that arrived. */
export class ReplyBroken extends Error {
  constructor(
    /** Why it stopped: the abort reason, or a `target_error` for a broken connection. */
    readonly reason: unknown,
    readonly headers: HeaderPair[],
    readonly body: Buffer,
  ) {
    super('The reply stopped before its last byte.');
  }
}

/**
 * Reads a target's reply to its last byte, keeping up to `limitBytes` of the body for the record.
 * With a `sink`, every chunk is also written there as it arrives, pausing while the sink is full.
 * Rejects with `ReplyBroken` when the signal aborts or the connection breaks mid-body.
 */
export function readReply(reply: TargetResponse, signal: AbortSignal, limitBytes: number, sink?: Writable): Promise<ReadReply> {
  return new Promise((resolve, reject) => {
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let truncated = false;

    const broken = (reason: unknown): ReplyBroken => new ReplyBroken(reason, reply.headers, Buffer.concat(kept, keptBytes));
    const onAbort = (): void => {
      reply.body.destroy();
      reject(broken(signal.reason));
    };
    signal.addEventListener('abort', onAbort, { once: true });

    reply.body.on('data', (chunk: Buffer) => {
      if (keptBytes + chunk.length <= limitBytes) {
        kept.push(chunk);
        keptBytes += chunk.length;
      } else {
        truncated = true;
      }

      if (sink !== undefined && !sink.write(chunk)) {
        reply.body.pause();
        sink.once('drain', () => reply.body.resume());
      }
    });

    reply.body.on('end', () => {
      signal.removeEventListener('abort', onAbort);
      sink?.end();
      const failed = reply.status >= 500;
      resolve({
        status: reply.status,
        responseHeaders: reply.headers,
        responseBody: Buffer.concat(kept, keptBytes),
        responseTruncated: truncated,
        outcome: failed ? 'target_error' : 'forwarded',
        errorCode: failed ? 'target_error' : null,
        errorMessage: failed ? `The server at the target answered ${reply.status}.` : null,
      });
    });

    reply.body.on('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(
        broken(
          signal.aborted
            ? signal.reason
            : new SwitchboardError('target_error', `The target's connection broke while sending its reply: ${error.message}.`),
        ),
      );
    });
  });
}
