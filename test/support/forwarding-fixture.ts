import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { ExchangeDetail } from '../../src-main/contract/exchange';
import { startEngine, type RunningEngine } from './engine-fixture';
import { replyJson, startTarget, type TargetHandler, type TargetServer } from './target-server';

/**
 * Starts targets and engines that close after each test of the calling file. Call it once at the
 * top level of a test file.
 */
export function useForwardingFixture(): {
  target(handler?: TargetHandler, host?: string): Promise<TargetServer>;
  engine(settings: Parameters<typeof startEngine>[0]): Promise<RunningEngine>;
} {
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup();
    }
  });

  return {
    async target(handler = replyJson({}), host = '127.0.0.1') {
      const server = await startTarget(handler, host);
      cleanups.push(() => server.close());
      return server;
    },
    async engine(settings) {
      const running = await startEngine(settings);
      cleanups.push(() => running.stop());
      return running;
    },
  };
}

/** Returns a port that nothing listens on: bound once to learn a free number, then released. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Returns the newest exchange once `finishedCount` exchanges have been committed. */
export async function latestExchange(running: RunningEngine, finishedCount = 1): Promise<ExchangeDetail | undefined> {
  await running.finished(finishedCount);
  const [newest] = running.engine.store.list({ limit: 1 });
  return running.engine.store.detail(newest?.id as number);
}
