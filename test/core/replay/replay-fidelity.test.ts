import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngine, type RunningEngine } from '../../support/engine-fixture';
import { rawHeader, recordExchange } from '../../support/replay-fixture';
import { replyJson, startTarget, type TargetServer } from '../../support/target-server';

/** A body whose literals JSON.parse plus JSON.stringify would change. */
const BODY = `{ "message" : {
    "type": "end-of-call-report",
    "call": { "id": "call-fidelity" },
    "cost": 12345678901234567891,
    "price": 1.10,
    "kilo": 1e3,
    "zero": 0.0,
    "negative": -0.0,
    "note": "caf\\u00e9 \\/ \\ud83d\\ude00",
    "analysis": { "summary": "old", "score": 2.50 },
    "list": [ [1.0, 2], [] ]
  }
}
`;

describe('replay with pointer edits', () => {
  let target: TargetServer;
  let running: RunningEngine;

  beforeEach(async () => {
    target = await startTarget(replyJson({ received: true }));
    running = await startEngine({ targetUrl: `${target.url}/vapi/webhook` });
  });

  afterEach(async () => {
    await running.stop();
    await target.close();
  });

  it('sends unedited bytes as recorded', async () => {
    const original = await recordExchange(running, BODY);

    const replay = await running.engine.replay(original.id, { set: [{ pointer: '/message/analysis/summary', value: 'x' }] });

    const sent = target.received[1]?.body as Buffer;
    const expected = BODY.replace('"summary": "old"', '"summary": "x"');
    expect(sent.toString('utf8')).toBe(expected);
    expect(rawHeader(target.received[1]?.rawHeaders ?? [], 'content-length')).toBe(String(Buffer.byteLength(expected)));
    expect(Buffer.compare(Buffer.from(replay.requestBody), sent)).toBe(0);
    expect(replay.edited).toBe(true);
  });

  it('applies several edits and additions in order', async () => {
    const original = await recordExchange(running, BODY);

    await running.engine.replay(original.id, {
      set: [
        { pointer: '/message/analysis/successEvaluation', value: true },
        { pointer: '/message/list/0/-', value: 3 },
        { pointer: '/message/analysis/summary', value: 'new' },
      ],
    });

    const expected = BODY.replace('"summary": "old", "score": 2.50 }', '"summary": "new", "score": 2.50, "successEvaluation": true }').replace(
      '[1.0, 2]',
      '[1.0, 2, 3]',
    );
    expect(target.received[1]?.body.toString('utf8')).toBe(expected);
  });

  it('edits a gzip body as plain text', async () => {
    const original = await recordExchange(running, gzipSync(BODY), { headers: ['Content-Type', 'application/json', 'Content-Encoding', 'gzip'] });

    await running.engine.replay(original.id, { set: [{ pointer: '/message/price', value: 2 }] });

    const sent = target.received[1];
    expect(sent?.body.toString('utf8')).toBe(BODY.replace('"price": 1.10', '"price": 2'));
    expect(rawHeader(sent?.rawHeaders ?? [], 'content-encoding')).toBeUndefined();
  });

  it('rejects edits of an invalid JSON body', async () => {
    const original = await recordExchange(running, '{"message": 1.10,');

    await expect(running.engine.replay(original.id, { set: [{ pointer: '/message', value: 1 }] })).rejects.toMatchObject({
      code: 'invalid_json',
      message: expect.stringMatching(/^The body is not valid JSON .*edit the body as text instead/) as unknown,
    });
    expect(target.received).toHaveLength(1);
  });
});
