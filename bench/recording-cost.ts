import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src-main/recorder/open-database';
import { Recorder } from '../src-main/recorder/thread/recorder';
import { targetReplyBody } from './bodies';

const EXCHANGES = 20_000;
/** Exchanges begun between yields to the event loop, about what 32 clients keep in flight. */
const IN_FLIGHT = 32;

/**
 * Measures the CPU time that recording alone costs per exchange: `body` and the target's sample
 * reply go through the recording thread, as `switchboard listen` hands them over, with no HTTP.
 * The time is for this whole process, all threads, until every row is committed and indexed.
 */
export async function recordingCpuMsPerExchange(body: Buffer): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-recording-cost-'));
  const file = join(folder, 'recording.db');
  openDatabase(file).close();
  const recorder = new Recorder(file);
  const reply = targetReplyBody();

  try {
    await recorder.synced();
    const before = process.cpuUsage();
    const finished: Promise<unknown>[] = [];

    for (let index = 0; index < EXCHANGES; index += 1) {
      const recording = recorder.begin({
        receivedAt: Date.now(),
        method: 'POST',
        path: '/vapi/webhook',
        query: '',
        requestHeaders: [['Content-Type', 'application/json'], ['Content-Length', String(body.length)]],
        requestBody: Buffer.from(body),
        targetUrl: 'http://127.0.0.1:3000/vapi/webhook',
        auth: 'not_configured',
        authReason: null,
      });
      finished.push(
        recorder.finish(recording, {
          status: 200,
          responseHeaders: [['Content-Type', 'application/json; charset=utf-8'], ['Content-Length', String(reply.length)]],
          responseBody: Buffer.from(reply),
          responseTruncated: false,
          outcome: 'forwarded',
          errorCode: null,
          errorMessage: null,
          durationMs: 1,
          targetDurationMs: 1,
        }),
      );

      if (index % IN_FLIGHT === IN_FLIGHT - 1) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    }

    await Promise.all(finished);
    await recorder.synced();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / EXCHANGES;
  } finally {
    await recorder.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
