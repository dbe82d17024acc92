import type { HeaderPair } from '../contract/exchange';

/** Headers that describe one connection, not the message, so a proxy never passes them on (RFC 9110, 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Turns Node's flat `rawHeaders` array into name/value pairs, keeping case, order and repeats. */
export function pairsFromRawHeaders(rawHeaders: readonly string[]): HeaderPair[] {
  const pairs: HeaderPair[] = [];

  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    pairs.push([rawHeaders[index] as string, rawHeaders[index + 1] as string]);
  }

  return pairs;
}

/** Flattens pairs back into the `[name, value, name, value]` form that Node's HTTP APIs accept. */
export function flattenPairs(pairs: readonly HeaderPair[]): string[] {
  const flat: string[] = [];

  for (const [name, value] of pairs) {
    flat.push(name, value);
  }

  return flat;
}

/** Removes hop-by-hop headers and every header that `Connection` names. */
export function withoutHopByHop(pairs: readonly HeaderPair[]): HeaderPair[] {
  let named: Set<string> | null = null;

  for (const [name, value] of pairs) {
    if (name.toLowerCase() === 'connection') {
      named ??= new Set();

      for (const token of value.split(',')) {
        named.add(token.trim().toLowerCase());
      }
    }
  }

  return pairs.filter(([name]) => {
    const lower = name.toLowerCase();
    return !HOP_BY_HOP.has(lower) && named?.has(lower) !== true;
  });
}

/** The first value of a header, matched without regard to case. */
export function headerValue(pairs: readonly HeaderPair[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return pairs.find(([candidate]) => candidate.toLowerCase() === lower)?.[1];
}

/** The client's side of the connection, as a proxy reports it. */
export interface ForwardingContext {
  targetHost: string;
  /** Length of the body that will be sent; used when the request arrived without `Content-Length`. */
  bodyLength: number;
  remoteAddress: string | undefined;
  /** The scheme the request arrived on at this hop. */
  protocol: 'http' | 'https';
}

/**
 * Builds the headers sent to the target: the received ones minus hop-by-hop headers, `Host`
 * replaced by the target's host, `Content-Length` when the request came chunked, and the `X-Forwarded-*` headers a reverse proxy adds. Values a
 * tunnel in front already set (`X-Forwarded-Host`, `X-Forwarded-Proto`) are kept, because they
 * describe the public URL Vapi called.
 */
export function forwardRequestHeaders(received: readonly HeaderPair[], context: ForwardingContext): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  let originalHost: string | undefined;
  let forwardedFor: string | undefined;
  let hasForwardedHost = false;
  let hasForwardedProto = false;
  let hasContentLength = false;

  for (const pair of withoutHopByHop(received)) {
    const lower = pair[0].toLowerCase();

    if (lower === 'host') {
      originalHost ??= pair[1];
      continue;
    }

    if (lower === 'x-forwarded-for') {
      forwardedFor = forwardedFor === undefined ? pair[1] : `${forwardedFor}, ${pair[1]}`;
      continue;
    }

    if (lower === 'x-forwarded-host') {
      hasForwardedHost = true;
    }

    if (lower === 'x-forwarded-proto') {
      hasForwardedProto = true;
    }

    if (lower === 'content-length') {
      hasContentLength = true;
    }

    pairs.push(pair);
  }

  pairs.unshift(['Host', context.targetHost]);

  // A chunked request was read whole, so it goes on with its exact length instead of being
  // re-chunked.
  if (!hasContentLength && context.bodyLength > 0) {
    pairs.push(['Content-Length', String(context.bodyLength)]);
  }

  if (!hasForwardedHost && originalHost !== undefined) {
    pairs.push(['X-Forwarded-Host', originalHost]);
  }

  const clientAddress = context.remoteAddress?.replace(/^::ffff:/, '');

  if (clientAddress !== undefined) {
    pairs.push(['X-Forwarded-For', forwardedFor === undefined ? clientAddress : `${forwardedFor}, ${clientAddress}`]);
  } else if (forwardedFor !== undefined) {
    pairs.push(['X-Forwarded-For', forwardedFor]);
  }

  if (!hasForwardedProto) {
    pairs.push(['X-Forwarded-Proto', context.protocol]);
  }

  return pairs;
}
