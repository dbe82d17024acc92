import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the test target received it. */
export interface ReceivedRequest {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
}

export interface TargetServer {
  url: string;
  port: number;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export type TargetHandler = (request: IncomingMessage, body: Buffer, response: ServerResponse) => void;

/** Starts a real HTTP server on a free loopback port that records what it receives. */
export async function startTarget(handler: TargetHandler, host = '127.0.0.1'): Promise<TargetServer> {
  const received: ReceivedRequest[] = [];
  const server: Server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: request.method ?? '', url: request.url ?? '', rawHeaders: request.rawHeaders, body });
      handler(request, body, response);
    });
  });

  await new Promise<void>((resolve) => server.listen({ host, port: 0 }, resolve));
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}`,
    port,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A handler that answers 200 with a fixed JSON body. */
export function replyJson(body: unknown, status = 200): TargetHandler {
  return (_request, _body, response) => {
    const bytes = Buffer.from(JSON.stringify(body));
    response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
    response.end(bytes);
  };
}
