import http from 'node:http';
import net from 'node:net';

export interface ClientResponse {
  status: number;
  rawHeaders: string[];
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Sends one request with Node's HTTP client; `headers` is a flat [name, value, ...] list so case and repeats survive. */
export function send(url: string, options: { method?: string; headers?: string[]; body?: Buffer | string } = {}): Promise<ClientResponse> {
  const target = new URL(url);
  const headers = [...(options.headers ?? ['Content-Type', 'application/json'])];
  const names = headers.filter((_value, index) => index % 2 === 0).map((name) => name.toLowerCase());

  // With headers given as a list, Node adds neither Host nor Content-Length by itself.
  if (!names.includes('host')) {
    headers.unshift('Host', target.host);
  }

  if (!names.includes('content-length') && !names.includes('transfer-encoding') && options.body !== undefined) {
    headers.push('Content-Length', String(Buffer.byteLength(options.body)));
  }

  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? 'POST',
        headers: headers as unknown as http.OutgoingHttpHeaders,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, rawHeaders: response.rawHeaders, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Writes raw bytes to a port and returns everything the server sends before it closes or `waitMs` passes. */
export function sendRaw(port: number, bytes: string | Buffer, waitMs = 2_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(bytes));
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    socket.on('error', reject);
  });
}
