import dns from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import https from 'node:https';
import type { HeaderPair } from '../contract/exchange';
import { messageOf, SwitchboardError, systemErrorCode } from './errors';
import type { ForwardCancel } from './forward-cancel';
import { flattenPairs, pairsFromRawHeaders } from './headers';
import type { Target } from './target';

/** The target's reply once its status line and headers have arrived; the body is still streaming. */
export interface TargetResponse {
  status: number;
  statusMessage: string;
  headers: HeaderPair[];
  body: IncomingMessage;
}

export interface TargetRequest {
  target: Target;
  method: string;
  /** Path and query to request, already mapped for the target. */
  path: string;
  headers: readonly HeaderPair[];
  body: Uint8Array;
  /** Cancelling stops the request; the promise then rejects with the cancel's reason. */
  cancel: ForwardCancel;
}

/** Keep-alive agents shared by every forward, so each request skips the TCP handshake. */
export interface TargetAgents {
  http: http.Agent;
  https: https.Agent;
}

/**
 * Resolves `localhost` to both loopback addresses whatever /etc/hosts lists, because development
 * servers bind to either 127.0.0.1 or ::1. Other names go to the system resolver.
 */
const lookupWithLoopback: LookupFunction = (hostname, options, callback) => {
  if (hostname.toLowerCase() !== 'localhost') {
    dns.lookup(hostname, options, callback);
    return;
  }

  const addresses = [
    { address: '127.0.0.1', family: 4 },
    { address: '::1', family: 6 },
  ];

  if (options.all === true) {
    (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, addresses);
    return;
  }

  callback(null, '127.0.0.1', 4);
};

export function createTargetAgents(): TargetAgents {
  // autoSelectFamily tries every resolved address in turn, so with the lookup above a server
  // listening on either loopback address is found.
  const options = { keepAlive: true, autoSelectFamily: true, lookup: lookupWithLoopback };
  return {
    http: new http.Agent(options as http.AgentOptions),
    https: new https.Agent(options as https.AgentOptions),
  };
}

/**
 * Sends one request and resolves with the target's status and headers. The body bytes go out as
 * given with their own `Content-Length`. A request that fails on a reused keep-alive socket (the
 * target closed it while idle) is retried once on a new connection.
 */
export async function sendToTarget(request: TargetRequest, agents: TargetAgents): Promise<TargetResponse> {
  try {
    return await sendOnce(request, agents);
  } catch (error) {
    if (error instanceof StaleSocketError) {
      return sendOnce(request, agents);
    }

    throw error;
  }
}

class StaleSocketError extends Error {}

function sendOnce(request: TargetRequest, agents: TargetAgents): Promise<TargetResponse> {
  const { target } = request;
  const isHttps = target.url.protocol === 'https:';
  const transport = isHttps ? https : http;

  return new Promise((resolve, reject) => {
    if (request.cancel.cancelled) {
      reject(request.cancel.reason);
      return;
    }

    const outgoing = transport.request({
      protocol: target.url.protocol,
      hostname: target.url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: target.url.port === '' ? undefined : Number(target.url.port),
      method: request.method,
      path: request.path,
      headers: flattenPairs(request.headers) as unknown as http.OutgoingHttpHeaders,
      agent: isHttps ? agents.https : agents.http,
      setHost: false,
    });
    request.cancel.onCancel((reason) => {
      outgoing.destroy();
      reject(reason);
    });

    outgoing.on('response', (response) => {
      request.cancel.onCancel(null);
      resolve({
        status: response.statusCode ?? 502,
        statusMessage: response.statusMessage ?? '',
        headers: pairsFromRawHeaders(response.rawHeaders),
        body: response,
      });
    });

    outgoing.on('error', (error) => {
      request.cancel.onCancel(null);

      if (request.cancel.cancelled) {
        reject(request.cancel.reason);
        return;
      }

      if (outgoing.reusedSocket && systemErrorCode(error) === 'ECONNRESET') {
        reject(new StaleSocketError());
        return;
      }

      reject(targetConnectionError(error, target, request.path));
    });

    outgoing.end(request.body);
  });
}

/**
 * Maps a socket error on the way to the target to `target_unreachable` with what to check.
 * `path` is the path and query the request was sent to, so the details name its whole URL.
 */
export function targetConnectionError(error: unknown, target: Target, path: string): SwitchboardError {
  const nested = error instanceof AggregateError ? error.errors[0] : error;
  const code = systemErrorCode(nested) ?? systemErrorCode(error);
  const where = target.url.host;
  const details = { target: `${target.url.protocol}//${target.url.host}${path}` };

  if (code === 'ECONNREFUSED') {
    return new SwitchboardError(
      'target_unreachable',
      `Nothing is listening at ${where}. Is your server running on that port?`,
      details,
      { cause: error },
    );
  }

  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new SwitchboardError(
      'target_unreachable',
      `The target host ${target.url.hostname} could not be resolved. Check the host name in --forward-to.`,
      details,
      { cause: error },
    );
  }

  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return new SwitchboardError(
      'target_unreachable',
      `The server at ${where} closed the connection before answering. Check your server's log for a crash.`,
      details,
      { cause: error },
    );
  }

  const reason = messageOf(nested);
  return new SwitchboardError(
    'target_unreachable',
    `Could not reach ${where}: ${reason}. Is your server running, and is --forward-to right?`,
    details,
    { cause: error },
  );
}
