import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulateCall } from '../../../src-main/core/call-simulator';
import { startEngine, type RunningEngine } from '../../support/engine-fixture';
import { replyJson, startTarget, type TargetServer } from '../../support/target-server';

describe('simulated call signing', () => {
  let target: TargetServer;
  let running: RunningEngine;

  beforeEach(async () => {
    target = await startTarget(replyJson({}));
    running = await startEngine({ targetUrl: target.url });
  });

  afterEach(async () => {
    await running.stop();
    await target.close();
  });

  async function waitFor(done: () => boolean): Promise<void> {
    for (let attempt = 0; attempt < 200 && !done(); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('signs every event so checks pass', async () => {
    running.engine.auth.update({ rejectInvalid: true, default: { scheme: 'hmac', secretKey: 'sim-key', payloadFormat: '{method} {url} {timestamp}.{body}' } });
    const started = simulateCall(running.engine.receiveUrl, { speed: 1000, sign: (request) => running.engine.auth.sign(request) });
    await waitFor(() => target.received.length >= started.eventCount);
    await running.engine.recorded();
    const exchanges = running.engine.store.list({ limit: 100 });

    expect(exchanges).toHaveLength(started.eventCount);
    expect(exchanges.every((exchange) => exchange.auth === 'valid')).toBe(true);
    expect(target.received).toHaveLength(started.eventCount);
  });

  it('leaves events unsigned without a signer', async () => {
    running.engine.auth.update({ default: { scheme: 'secret', secret: 'sim-secret' } });
    const started = simulateCall(running.engine.receiveUrl, { speed: 1000 });
    await waitFor(() => running.engine.store.count() >= 1);
    await running.engine.recorded();

    expect(running.engine.store.list({ limit: 1 })[0]?.auth).toBe('missing');
  });
});
