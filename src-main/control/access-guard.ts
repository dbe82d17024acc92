import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_HEADER, TOKEN_PARAM } from '../contract/api';
import type { ErrorCode } from '../contract/errors';
import { requestUrl } from './request-url';

export interface AccessDenied {
  status: number;
  code: ErrorCode;
  message: string;
}

/**
 * Checks one request to the control port. The port binds to loopback only, and on top of that:
 * - the `Host` header must name the loopback address and this port, which defeats DNS rebinding;
 * - an `Origin`, when present, must be this same origin, so other web pages cannot call the API;
 * - the per-launch token must arrive in the `x-switchboard-token` header or the `token` query
 *   parameter, compared in constant time.
 */
export function checkAccess(request: IncomingMessage, token: string, port: number): AccessDenied | null {
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const host = request.headers.host ?? '';

  if (!allowedHosts.has(host.toLowerCase())) {
    return {
      status: 403,
      code: 'forbidden_host',
      message: `Host "${host}" is not allowed. Open the inspector at http://127.0.0.1:${port}/.`,
    };
  }

  const origin = request.headers.origin;

  if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, '').toLowerCase())) {
    return {
      status: 403,
      code: 'forbidden_origin',
      message: `Requests from origin "${origin}" are not allowed. The inspector API answers only its own page.`,
    };
  }

  const presented = presentedToken(request);

  if (presented === null || !sameToken(presented, token)) {
    return {
      status: 401,
      code: 'unauthorized',
      message: 'Missing or wrong token. Open the inspector with the full URL that "switchboard listen" printed.',
    };
  }

  return null;
}

function presentedToken(request: IncomingMessage): string | null {
  const header = request.headers[TOKEN_HEADER];

  if (typeof header === 'string' && header !== '') {
    return header;
  }

  return requestUrl(request)?.searchParams.get(TOKEN_PARAM) ?? null;
}

function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
