import { randomUUID } from 'node:crypto';
import type { AuthConfig, AuthHeaders } from '../../contract/auth';
import type { HeaderPair } from '../../contract/exchange';
import { VAPI_DEFAULTS } from './auth-schema';
import { secretOf } from './auth-settings';
import { computeHmac, encodeSignature, secretKeyBytes } from './hmac';
import { renderPayload, signedPayload } from './payload';
import { withoutHeaders } from './request-headers';
import { timestampNow } from './timestamp';

/** An outgoing request: the exact bytes that will be sent, and the headers prepared so far. */
export interface OutgoingRequest {
  method: string;
  /** The full URL the request goes to; `{url}` uses it unless the config names a public URL. */
  url: string;
  body: Uint8Array;
  headers?: readonly HeaderPair[];
}

export interface SignOptions {
  /** Epoch milliseconds to sign at; the current time by default. */
  nowMs?: number;
  /** Unit of the timestamp header. Vapi's traffic uses milliseconds. */
  timestampUnit?: 's' | 'ms';
  /** The id for `{svix-id}`; a random one by default. */
  messageId?: string;
}

/**
 * Authenticates an outgoing request the way Vapi would: replaces any authentication headers it
 * already carries with ones for `config`, signed over `body` exactly, with a fresh timestamp.
 * Returns null when `config` has no scheme or no secret set.
 */
export function signRequest(config: AuthConfig, request: OutgoingRequest, options: SignOptions = {}): AuthHeaders | null {
  if (config.scheme === 'none' || secretOf(config) === '') {
    return null;
  }

  const headers = request.headers ?? [];

  switch (config.scheme) {
    case 'secret': {
      const name = config.headerName ?? VAPI_DEFAULTS.secretHeaders[0];
      const kept = withoutHeaders(headers, config.headerName === null ? VAPI_DEFAULTS.secretHeaders : [name]);
      return { headers: [...kept, [name, config.secret]], signature: 'secret', signed: null };
    }
    case 'bearer': {
      const value = config.bearerPrefixEnabled ? `Bearer ${config.token}` : config.token;
      return { headers: [...withoutHeaders(headers, [config.headerName]), [config.headerName, value]], signature: 'bearer', signed: null };
    }
    case 'hmac': {
      const timestamp = config.includeTimestamp ? timestampNow(options.timestampUnit ?? 'ms', options.nowMs) : null;
      const messageId = config.messageIdHeader === null ? null : (options.messageId ?? `msg_${randomUUID()}`);
      const parts = { body: request.body, timestamp, method: request.method.toUpperCase(), url: config.publicUrl ?? request.url, messageId };
      const bytes = renderPayload(config.payloadFormat, parts);
      const digest = computeHmac(config.algorithm, secretKeyBytes(config.secretKey, config.secretIsBase64), bytes);
      const added: HeaderPair[] = [[config.signatureHeader, config.signaturePrefix + encodeSignature(digest, config.signatureEncoding)]];

      if (timestamp !== null) added.push([config.timestampHeader, timestamp]);
      if (config.messageIdHeader !== null && messageId !== null) added.push([config.messageIdHeader, messageId]);

      const replaced = added.map(([name]) => name);
      return { headers: [...withoutHeaders(headers, replaced), ...added], signature: `hmac-${config.algorithm}`, signed: signedPayload(config.payloadFormat, bytes, parts) };
    }
  }
}
