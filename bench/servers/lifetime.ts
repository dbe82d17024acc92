import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Announces the bound port on stdout as `READY <port>` and ends the process when the benchmark
 * closes stdin, sends SIGTERM, or `maxSeconds` pass, so no server outlives a run.
 */
export function serveUntilReleased(server: Server, maxSeconds: number): void {
  const stop = (): void => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };

  server.listen({ host: '127.0.0.1', port: 0 }, () => {
    process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
  });

  process.stdin.on('end', stop).on('close', stop).resume();
  process.on('SIGTERM', stop);
  setTimeout(stop, maxSeconds * 1000).unref();
}
