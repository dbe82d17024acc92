import type { IncomingMessage } from 'node:http';

export type ReadBodyResult =
  | { kind: 'complete'; body: Buffer }
  | { kind: 'too_large'; receivedBytes: number; declaredBytes: number | null }
  | { kind: 'aborted' };

/**
 * Reads a request body up to `limitBytes`. A declared `Content-Length` over the limit is rejected
 * before any byte is read; a chunked body is rejected as soon as it passes the limit.
 */
export function readBody(request: IncomingMessage, limitBytes: number): Promise<ReadBodyResult> {
  const declared = request.headers['content-length'];
  const declaredBytes = declared === undefined ? null : Number(declared);

  if (declaredBytes !== null && Number.isFinite(declaredBytes) && declaredBytes > limitBytes) {
    return Promise.resolve({ kind: 'too_large', receivedBytes: 0, declaredBytes });
  }

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let receivedBytes = 0;
    let settled = false;

    const settle = (result: ReadBodyResult): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };

    request.on('data', (chunk: Buffer) => {
      if (settled) {
        return;
      }

      receivedBytes += chunk.length;

      if (receivedBytes > limitBytes) {
        settle({ kind: 'too_large', receivedBytes, declaredBytes });
        return;
      }

      chunks.push(chunk);
    });
    request.on('end', () => settle({ kind: 'complete', body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) }));
    request.on('aborted', () => settle({ kind: 'aborted' }));
    request.on('error', () => settle({ kind: 'aborted' }));
    request.on('close', () => settle({ kind: 'aborted' }));
  });
}
