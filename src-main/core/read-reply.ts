import type { Writable } from 'node:stream';
import type { HeaderPair } from '../contract/exchange';
import type { ExchangeResult } from '../recorder/exchange-writer';
import { SwitchboardError } from './errors';
import type { ForwardCancel } from './forward-cancel';
import type { TargetResponse } from './send-to-target';

/** A target's reply read to the end, without the timings. */
export type ReadReply = Omit<ExchangeResult, 'durationMs' | 'targetDurationMs'>;

/** A reply that stopped before its last byte, with the headers and the bytes that arrived. */
export class ReplyBroken extends Error {
  constructor(
    /** Why it stopped: the cancel's reason, or a `target_error` for a broken connection. */
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
 * Rejects with `ReplyBroken` when the forward is cancelled or the connection breaks mid-body.
 */
export function readReply(reply: TargetResponse, cancel: ForwardCancel, limitBytes: number, sink?: Writable): Promise<ReadReply> {
  return new Promise((resolve, reject) => {
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let truncated = false;

    const broken = (reason: unknown): ReplyBroken => new ReplyBroken(reason, reply.headers, Buffer.concat(kept, keptBytes));

    if (cancel.cancelled) {
      reply.body.destroy();
      reject(broken(cancel.reason));
      return;
    }

    cancel.onCancel((reason) => {
      reply.body.destroy();
      reject(broken(reason));
    });

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
      cancel.onCancel(null);
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
      cancel.onCancel(null);
      reject(
        broken(
          cancel.cancelled
            ? cancel.reason
            : new SwitchboardError('target_error', `The target's connection broke while sending its reply: ${error.message}.`),
        ),
      );
    });
  });
}
