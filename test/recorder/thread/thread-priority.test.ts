import { getPriority } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

const MODULE = join(__dirname, '..', '..', '..', 'src-main', 'recorder', 'thread', 'thread-priority.ts');

/** Runs `lowerThreadPriority` on a new thread and returns its result and the thread's nice value afterwards. */
function lowerOnWorker(): Promise<{ changed: boolean; threadNice: number }> {
  const source = `
    require('tsx/cjs');
    const { readFileSync } = require('node:fs');
    const { getPriority } = require('node:os');
    const { parentPort, workerData } = require('node:worker_threads');
    const changed = require(workerData).lowerThreadPriority();
    const threadId = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ', 1)[0]);
    parentPort.postMessage({ changed, threadNice: getPriority(threadId) });
  `;
  const worker = new Worker(source, { eval: true, workerData: MODULE });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe.runIf(process.platform === 'linux')('thread priority', () => {
  it('lowers only the calling thread', async () => {
    const processNice = getPriority();

    const { changed, threadNice } = await lowerOnWorker();

    expect(changed).toBe(true);
    expect(threadNice).toBe(Math.min(19, processNice + 10));
    expect(getPriority()).toBe(processNice);
  });
});
