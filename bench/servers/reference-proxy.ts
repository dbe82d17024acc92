import http from 'node:http';
import httpProxy from 'http-proxy';
import { serveUntilReleased } from './lifetime';

// The reference: http-proxy 1.18 forwarding to the same target with a keep-alive agent, the way
// it is usually deployed in front of a Node server. It records nothing.
const targetUrl = process.argv[2];

if (targetUrl === undefined) {
  process.stderr.write('Usage: reference-proxy.ts TARGET_URL [MAX_SECONDS]\n');
  process.exit(2);
}

const proxy = httpProxy.createProxyServer({
  target: targetUrl,
  agent: new http.Agent({ keepAlive: true }),
  xfwd: true,
});

proxy.on('error', (error, _request, response) => {
  process.stderr.write(`reference proxy: ${error.message}\n`);

  if (response instanceof http.ServerResponse && !response.headersSent) {
    response.writeHead(502).end();
  }
});

const server = http.createServer({ keepAliveTimeout: 65_000 }, (request, response) => proxy.web(request, response));
serveUntilReleased(server, Number(process.argv[3] ?? 900));
