import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { batchedLines } from '../../src-main/cli/batched-lines';

function capturingStream(): { stream: Writable; writes: string[] } {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writes.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { stream, writes };
}

describe('batchedLines', () => {
  it('writes one turn in one write', async () => {
    const { stream, writes } = capturingStream();
    const writeLine = batchedLines(stream);

    writeLine('first');
    writeLine('second');
    await Promise.resolve();

    expect(writes).toEqual(['first\nsecond\n']);
  });

  it('writes each later turn separately', async () => {
    const { stream, writes } = capturingStream();
    const writeLine = batchedLines(stream);

    writeLine('first');
    await Promise.resolve();
    writeLine('second');
    await Promise.resolve();

    expect(writes).toEqual(['first\n', 'second\n']);
  });
});
