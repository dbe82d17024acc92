import http from 'node:http';
import { targetReplyBody } from '../bodies';
import { serveUntilReleased } from './lifetime';

// A target that replies as fast as Node can: it drains the request body and sends a fixed
// tool-calls reply, so every millisecond measured beyond it belongs to the path in front.
const reply = targetReplyBody();
const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(reply.length) };

const server = http.createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
  request.on('data', () => undefined);
  request.on('end', () => {
    response.writeHead(200, headers);
    response.end(reply);
  });
});

serveUntilReleased(server, Number(process.argv[2] ?? 900));
