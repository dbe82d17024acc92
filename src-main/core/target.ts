import { isIPv6 } from 'node:net';
import { SwitchboardError } from './errors';

/** A validated forward target. */
export interface Target {
  /** The URL as the user gave it, normalised by the URL parser. */
  url: URL;
  /** True when the URL has a path other than `/`: every event then goes to exactly that path. */
  hasFixedPath: boolean;
}

/**
 * Parses a `--forward-to` value. Accepts http and https URLs; rejects an IPv6 literal without
 * brackets, because `http://::1:3000` cannot say which colon starts the port.
 */
export function parseTarget(raw: string): Target {
  const value = raw.trim();
  const unbracketed = /^(https?):\/\/([0-9a-fA-F]*:[0-9a-fA-F:.]*)(\/.*)?$/.exec(value);

  if (unbracketed && !value.includes('[')) {
    throw new SwitchboardError(
      'ipv6_needs_brackets',
      `Invalid target URL "${raw}": an IPv6 address in a URL needs brackets. Write ${suggestBracketed(unbracketed[1] ?? 'http', unbracketed[2] ?? '', unbracketed[3] ?? '')}.`,
      { target: raw },
    );
  }

  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const suggestion = /^\d{1,5}$/.test(value) ? `http://localhost:${value}` : `http://${value}`;
    throw new SwitchboardError(
      'invalid_target_url',
      `Invalid target URL "${raw}": it has no scheme. Write the full URL, such as ${suggestion}.`,
      { target: raw },
    );
  }

  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SwitchboardError(
      'invalid_target_url',
      `Invalid target URL "${raw}". Give the full address of your server, such as http://localhost:3000/vapi/webhook.`,
      { target: raw },
    );
  }

  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SwitchboardError(
      'invalid_target_url',
      `Invalid target URL "${raw}": the scheme must be http or https, not ${url.protocol.replace(':', '')}.`,
      { target: raw },
    );
  }

  if (url.username !== '' || url.password !== '') {
    throw new SwitchboardError(
      'invalid_target_url',
      `Invalid target URL "${raw}": credentials in the URL are not supported. Remove "user:password@".`,
      { target: raw },
    );
  }

  if (url.hash !== '') {
    throw new SwitchboardError(
      'invalid_target_url',
      `Invalid target URL "${raw}": remove the "#" fragment, because it is never sent to a server.`,
      { target: raw },
    );
  }

  return { url, hasFixedPath: url.pathname !== '/' };
}

function suggestBracketed(scheme: string, address: string, rest: string): string {
  const portMatch = /^(.*):(\d{1,5})$/.exec(address);

  if (portMatch && isIPv6(portMatch[1] ?? '')) {
    return `${scheme}://[${portMatch[1]}]:${portMatch[2]}${rest}`;
  }

  return `${scheme}://[${address}]${rest}`;
}

/**
 * Builds the URL a received request is forwarded to. `rawUrl` is the request target exactly as
 * received, so percent-encoding (`%2F`) survives. A fixed target path replaces the incoming path
 * and keeps the incoming query; a bare origin keeps both.
 */
export function targetRequestPath(target: Target, rawUrl: string): string {
  const queryStart = rawUrl.indexOf('?');
  const incomingPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const incomingQuery = queryStart === -1 ? '' : rawUrl.slice(queryStart);

  if (!target.hasFixedPath) {
    return (incomingPath.startsWith('/') ? incomingPath : `/${incomingPath}`) + incomingQuery;
  }

  const targetQuery = target.url.search;

  if (targetQuery === '') {
    return target.url.pathname + incomingQuery;
  }

  return target.url.pathname + targetQuery + (incomingQuery === '' ? '' : `&${incomingQuery.slice(1)}`);
}

/** The target's host as the `Host` header carries it. */
export function targetHostHeader(target: Target): string {
  return target.url.host;
}

/** The full URL for one forwarded request, for logs and the recorded row. */
export function targetRequestUrl(target: Target, rawUrl: string): string {
  return `${target.url.protocol}//${target.url.host}${targetRequestPath(target, rawUrl)}`;
}
