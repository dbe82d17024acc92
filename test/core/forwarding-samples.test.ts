import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngine, type RunningEngine } from '../support/engine-fixture';
import { send } from '../support/http-client';
import { requestSampleNames, sampleBytes } from '../support/samples';
import { replyJson, startTarget, type TargetServer } from '../support/target-server';

describe('forwarding every Vapi sample', () => {
  let target: TargetServer;
  let running: RunningEngine;

  beforeEach(async () => {
    target = await startTarget(replyJson({}));
    running = await startEngine({ targetUrl: `${target.url}/vapi/webhook` });
  });

  afterEach(async () => {
    await running.stop();
    await target.close();
  });

  for (const name of requestSampleNames()) {
    it(`forwards and records ${name} byte for byte`, async () => {
      const bytes = sampleBytes(name);
      const message = (JSON.parse(bytes.toString('utf8')) as { message: { type: string; call: { id: string } } }).message;

      const response = await send(`${running.url}/webhook`, { body: bytes });

      expect(response.status).toBe(200);
      expect(target.received).toHaveLength(1);
      expect(Buffer.compare(target.received[0]?.body as Buffer, bytes)).toBe(0);

      await running.finished(1);
      const [summary] = running.engine.store.list();
      const detail = running.engine.store.detail(summary?.id as number);
      expect(summary?.type).toBe(message.type.startsWith('transcript[') ? 'transcript' : message.type);
      expect(summary?.callId).toBe(message.call.id);
      expect(summary?.outcome).toBe('forwarded');
      expect(Buffer.compare(Buffer.from(detail?.requestBody as Uint8Array), bytes)).toBe(0);
      expect(Buffer.from(detail?.responseBody as Uint8Array).toString()).toBe('{}');
    });
  }
});
