import net from 'node:net';
import type { TargetHealth } from '../contract/inspector';
import { systemErrorCode } from './errors';

/** How long a probe waits for the target to accept a connection, in milliseconds. */
export const PROBE_TIMEOUT_MS = 1_500;

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing listens on that port',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved right now',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was reset',
};

/**
 * Checks whether the target accepts TCP connections by opening one and closing it at once. It
 * sends no HTTP request, so the developer's server gets no traffic beyond one connection.
 */
export function probeTarget(targetUrl: string | null, timeoutMs = PROBE_TIMEOUT_MS): Promise<TargetHealth> {
  const checkedAt = Date.now();

  if (targetUrl === null) {
    return Promise.resolve({ targetUrl, reachable: null, error: null, checkedAt });
  }

  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    return Promise.resolve({ targetUrl, reachable: false, error: 'the target URL is invalid', checkedAt });
  }

  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const defaultPort = url.protocol === 'https:' ? 443 : 80;
  const port = url.port === '' ? defaultPort : Number(url.port);

  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (error: string | null): void => {
      socket.destroy();
      resolve({ targetUrl, reachable: error === null, error, checkedAt });
    };

    socket.setTimeout(timeoutMs, () => done(`no connection within ${timeoutMs} ms`));
    socket.once('connect', () => done(null));
    socket.once('error', (error) => {
      const code = systemErrorCode(error) ?? '';
      done(REASONS[code] ?? error.message);
    });
  });
}
