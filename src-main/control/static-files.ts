import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built inspector from `root`. Unknown paths get `index.html`, so a reload on a
 * client-side route still opens the app. Paths that climb out of `root` are answered 404.
 */
export async function serveStatic(root: string, pathname: string, response: ServerResponse): Promise<void> {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(root, relative === '' ? 'index.html' : relative);

  if (!file.startsWith(root + sep) && file !== root) {
    response.writeHead(404).end();
    return;
  }

  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    file = join(root, 'index.html');
    try {
      content = await readFile(file);
    } catch {
      const body = `The inspector UI is not built in ${root}. Run "npm run build" in the Switchboard folder.\n`;
      response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end(body);
      return;
    }
  }

  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': content.length,
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy':
      "default-src 'self'; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
  });
  response.end(content);
}
