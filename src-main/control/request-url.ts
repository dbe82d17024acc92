import type { IncomingMessage } from 'node:http';

const BASE = 'http://control.invalid';

/**
 * Parses a request target into a URL. The target is appended to a fixed origin instead of being
 * resolved against it, because `//host/x` would otherwise resolve to another host and `//` alone
 * does not parse at all. Returns null for a target that still is not a URL.
 */
export function requestUrl(request: IncomingMessage): URL | null {
  const target = request.url ?? '/';

  if (!target.startsWith('/')) {
    return null;
  }

  try {
    return new URL(BASE + target);
  } catch {
    return null;
  }
}
