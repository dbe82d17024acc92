import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** One way to the target: straight to it, or through a proxy in front of it. */
export interface LoadPath {
  name: string;
  /** Origin of the server to send to, such as http://127.0.0.1:41234 */
  url: string;
}

export interface PathSamples {
  name: string;
  /** Client-side time from sending the request to the last byte of the reply, per request, in ms. */
  latenciesMs: number[];
  /** Requests that failed at the socket or got a status other than 200. */
  errors: number;
  firstError: string | null;
}

export interface LoadOptions {
  body: Buffer;
  /** Request path and query sent on every path, such as /vapi/webhook */
  requestPath: string;
  concurrency: number;
  /** Wall-clock limit; the run stops sending when it passes, however many requests are left. */
  maxSeconds: number;
}

/** Keep-alive agents, one per path, so no request pays for a TCP handshake. */
function agentFor(concurrency: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
}

function sendOne(url: URL, agent: http.Agent, options: LoadOptions): Promise<{ ok: boolean; error: string | null }> {
  return new Promise((resolve) => {
    const request = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: options.requestPath,
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': options.body.length },
      },
      (response) => {
        response.on('data', () => undefined);
        response.on('end', () => resolve({ ok: response.statusCode === 200, error: response.statusCode === 200 ? null : `status ${response.statusCode}` }));
        response.on('error', (error) => resolve({ ok: false, error: error.message }));
      },
    );
    request.on('error', (error) => resolve({ ok: false, error: error.message }));
    request.end(options.body);
  });
}

/** Lists the path of each request in turn. Every round visits each path once, in a shuffled order. */
function interleavedOrder(pathCount: number, rounds: number): number[] {
  const order: number[] = [];

  for (let round = 0; round < rounds; round += 1) {
    const indexes = Array.from({ length: pathCount }, (_unused, index) => index);

    for (let index = indexes.length - 1; index > 0; index -= 1) {
      const other = Math.floor(Math.random() * (index + 1));
      [indexes[index], indexes[other]] = [indexes[other] as number, indexes[index] as number];
    }

    order.push(...indexes);
  }

  return order;
}

/**
 * Sends `requestsPerPath` requests down each path with `concurrency` requests in flight overall,
 * alternating the paths request by request so that drift in machine load hits every path alike.
 */
export async function runInterleaved(paths: readonly LoadPath[], requestsPerPath: number, options: LoadOptions): Promise<PathSamples[]> {
  const agents = paths.map(() => agentFor(options.concurrency));
  const urls = paths.map((path) => new URL(path.url));
  const samples: PathSamples[] = paths.map((path) => ({ name: path.name, latenciesMs: [], errors: 0, firstError: null }));
  const order = interleavedOrder(paths.length, requestsPerPath);
  const deadline = performance.now() + options.maxSeconds * 1000;
  let next = 0;

  const worker = async (): Promise<void> => {
    while (next < order.length && performance.now() < deadline) {
      const pathIndex = order[next] as number;
      next += 1;
      const started = performance.now();
      const outcome = await sendOne(urls[pathIndex] as URL, agents[pathIndex] as http.Agent, options);
      const sample = samples[pathIndex] as PathSamples;

      if (outcome.ok) {
        sample.latenciesMs.push(performance.now() - started);
      } else {
        sample.errors += 1;
        sample.firstError ??= outcome.error;
      }
    }
  };

  await Promise.all(Array.from({ length: options.concurrency }, worker));
  agents.forEach((agent) => agent.destroy());
  return samples;
}

export interface ThroughputSlice {
  name: string;
  seconds: number;
  completed: number;
  errors: number;
  firstError: string | null;
}

/** Keeps `concurrency` requests in flight on one path for `seconds` and counts the replies. */
export async function runForDuration(path: LoadPath, seconds: number, options: Omit<LoadOptions, 'maxSeconds'>): Promise<ThroughputSlice> {
  const agent = agentFor(options.concurrency);
  const url = new URL(path.url);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const slice: ThroughputSlice = { name: path.name, seconds: 0, completed: 0, errors: 0, firstError: null };

  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const outcome = await sendOne(url, agent, { ...options, maxSeconds: seconds });

      if (outcome.ok) {
        slice.completed += 1;
      } else {
        slice.errors += 1;
        slice.firstError ??= outcome.error;
      }
    }
  };

  await Promise.all(Array.from({ length: options.concurrency }, worker));
  slice.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return slice;
}
