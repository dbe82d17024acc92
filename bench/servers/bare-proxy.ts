import http from 'node:http';
import { serveUntilReleased } from './lifetime';

// The floor for a proxy written on Node's HTTP modules: it reads each request body whole, sends it
// to the target on a keep-alive agent and copies the reply back. It checks, rewrites and records
// nothing, so its CPU time is what Node's own HTTP server and client cost per exchange.
const targetUrl = process.argv[2];

if (targetUrl === undefined) {
  process.stderr.write('Usage: bare-proxy.ts TARGET_URL [MAX_SECONDS]\n');
  process.exit(2);
}

const target = new URL(targetUrl);
const agent = new http.Agent({ keepAlive: true });

const server = http.createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const forward = http.request({ hostname: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers, agent }, (reply) => {
      response.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(response);
    });

    forward.on('error', () => {
      if (!response.headersSent) {
        response.writeHead(502).end();
      }
    });

    forward.end(Buffer.concat(chunks));
  });
});

serveUntilReleased(server, Number(process.argv[3] ?? 900));
