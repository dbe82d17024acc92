import type { ExchangeResult } from '../../recorder/exchange-store';
import { SwitchboardError } from '../errors';
import type { TargetResponse } from '../send-to-target';

/** A target's reply read to the end, without the timings. */
export type ReadReply = Omit<ExchangeResult, 'durationMs' | 'targetDurationMs'>;

/**
 * Reads a target's reply to its last byte, keeping up to `limitBytes` of the body for the record.
 * Rejects with the signal's reason when it aborts, and with `target_error` when the connection
 * breaks mid-body.
 */
export function readReply(reply: TargetResponse, signal: AbortSignal, limitBytes: number): Promise<ReadReply> {
  return new Promise((resolve, reject) => {
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let truncated = false;

    const onAbort = (): void => {
      reply.body.destroy();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });

    reply.body.on('data', (chunk: Buffer) => {
      if (keptBytes + chunk.length <= limitBytes) {
        kept.push(chunk);
        keptBytes += chunk.length;
      } else {
        truncated = true;
      }
    });

    reply.body.on('end', () => {
      signal.removeEventListener('abort', onAbort);
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
        signal.aborted
          ? signal.reason
          : new SwitchboardError('target_error', `The target's connection broke while sending its reply: ${error.message}.`),
      );
    });
  });
}
