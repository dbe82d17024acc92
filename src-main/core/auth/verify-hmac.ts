import type { AuthReason, HmacAuthConfig, HmacExplanation } from '../../contract/auth';
import type { AuthRequest, HmacAttempt, SchemeCheck } from './check-types';
import { bytesEqual, computeHmac, decodeSignature, encodeSignature, secretKeyBytes } from './hmac';
import { diagnoseSignature } from './hmac-diagnosis';
import { renderPayload, signedPayload, type PayloadParts } from './payload';
import { headerValues } from './request-headers';
import { readTimestamp, type TimestampReading } from './timestamp';

/**
 * Checks an HMAC signature over the exact received bytes, then the timestamp against the
 * tolerance. On a mismatch it looks for the usual configuration mistakes (algorithm, encoding,
 * prefix, base64 secret) to name the cause.
 */
export function verifyHmac(config: HmacAuthConfig, request: AuthRequest): SchemeCheck {
  const signature = headerValues(request.headers, config.signatureHeader)[0] ?? null;
  const timestamp = config.includeTimestamp ? (headerValues(request.headers, config.timestampHeader)[0] ?? null) : null;
  const messageId = config.messageIdHeader === null ? null : (headerValues(request.headers, config.messageIdHeader)[0] ?? null);
  const key = secretKeyBytes(config.secretKey, config.secretIsBase64);
  const attempts = signedUrlCandidates(config, request).map((url): HmacAttempt => {
    const parts: PayloadParts = { body: request.body, timestamp, method: request.method, url, messageId };
    const bytes = renderPayload(config.payloadFormat, parts);
    return { parts, bytes, digest: computeHmac(config.algorithm, key, bytes) };
  });
  const reading = timestamp === null ? null : readTimestamp(timestamp, request.receivedAt);
  const received = [{ name: config.signatureHeader, value: signature }];

  if (config.includeTimestamp) received.push({ name: config.timestampHeader, value: timestamp });
  if (config.messageIdHeader !== null) received.push({ name: config.messageIdHeader, value: messageId });

  const check = (attempt: HmacAttempt, state: SchemeCheck['state'], reason: AuthReason | null, message: string, fix: string | null): SchemeCheck => ({
    state,
    reason,
    message,
    fix,
    expected: expectedLines(config),
    received,
    hmac: explanation(config, attempt, signature, reading),
  });
  const first = attempts[0] as HmacAttempt;

  if (signature === null) {
    return check(first, 'missing', null, `No ${config.signatureHeader} header arrived.`, 'Attach an HMAC credential to the server in Vapi (server.credentialId), and check the signature header name.');
  }

  if (signature.trim() === '') {
    return check(first, 'empty', null, `The ${config.signatureHeader} header arrived empty.`, 'Check the HMAC credential in Vapi; it sent no signature.');
  }

  if (config.includeTimestamp && timestamp === null) {
    return check(first, 'invalid', 'timestamp_missing', `No ${config.timestampHeader} header arrived, so the signed bytes cannot be rebuilt.`, 'Check the timestamp header name, or turn includeTimestamp off if the credential in Vapi signs without one.');
  }

  if (config.messageIdHeader !== null && messageId === null) {
    return check(first, 'invalid', 'message_id_missing', `No ${config.messageIdHeader} header arrived, but the payload format uses {svix-id}.`, 'Check the message id header name in the HMAC credential.');
  }

  const prefixOk = signature.startsWith(config.signaturePrefix);
  const decoded = prefixOk ? decodeSignature(signature.slice(config.signaturePrefix.length), config.signatureEncoding) : null;
  const matched = decoded === null ? undefined : attempts.find((attempt) => bytesEqual(decoded, attempt.digest));

  if (matched === undefined) {
    const diagnosis = diagnoseSignature(config, signature, attempts, key);
    return check(diagnosis.attempt ?? first, 'invalid', diagnosis.reason, diagnosis.message, diagnosis.fix);
  }

  if (reading === null || reading.kind === 'ok') {
    const age = reading?.ageSeconds ?? 0;

    if (reading !== null && age > config.toleranceSeconds) {
      return check(matched, 'invalid', 'timestamp_too_old', `The signature matches, but the timestamp is ${age} s old and the tolerance is ${config.toleranceSeconds} s.`, "Check this machine's clock; a request this old may be a replay.");
    }

    if (reading !== null && -age > config.toleranceSeconds) {
      return check(matched, 'invalid', 'timestamp_in_future', `The signature matches, but the timestamp is ${-age} s in the future and the tolerance is ${config.toleranceSeconds} s.`, "Check this machine's clock.");
    }

    return check(matched, 'valid', null, 'The HMAC signature matches and the timestamp is within the tolerance.', null);
  }

  return check(matched, 'invalid', 'timestamp_invalid', `The signature matches, but the ${config.timestampHeader} header is not a Unix time in seconds or milliseconds.`, 'Send the timestamp as whole seconds or milliseconds since 1970.');
}

/** Lists the headers and bytes a correct request carries. */
function expectedLines(config: HmacAuthConfig): string[] {
  const lines = [`Header ${config.signatureHeader}: ${config.signaturePrefix}<${config.signatureEncoding} HMAC-${config.algorithm.toUpperCase()} of the signed bytes, keyed with the configured secret${config.secretIsBase64 ? ' decoded from base64' : ''}>`];

  if (config.includeTimestamp) {
    lines.push(`Header ${config.timestampHeader}: Unix time in seconds or milliseconds, within ${config.toleranceSeconds} s of this machine's clock`);
  }

  if (config.messageIdHeader !== null) {
    lines.push(`Header ${config.messageIdHeader}: the message id used for {svix-id}`);
  }

  lines.push(`Signed bytes: ${config.payloadFormat}, with {body} the exact body bytes as received`);
  return lines;
}

function explanation(config: HmacAuthConfig, attempt: HmacAttempt, signature: string | null, reading: TimestampReading | null): HmacExplanation {
  return {
    algorithm: config.algorithm,
    encoding: config.signatureEncoding,
    prefix: config.signaturePrefix,
    secretIsBase64: config.secretIsBase64,
    expectedSignature: config.signaturePrefix + encodeSignature(attempt.digest, config.signatureEncoding),
    receivedSignature: signature,
    signed: signedPayload(config.payloadFormat, attempt.bytes, attempt.parts),
    timestampUnit: reading?.kind === 'ok' ? reading.unit : null,
    timestampAgeSeconds: reading?.kind === 'ok' ? reading.ageSeconds : null,
    toleranceSeconds: config.toleranceSeconds,
  };
}

/**
 * Lists the values to try for `{url}`. Vapi signs the public Server URL, which reaches Switchboard
 * only through the tunnel's Host and X-Forwarded-* headers. Without X-Forwarded-Proto both schemes are tried.
 */
function signedUrlCandidates(config: HmacAuthConfig, request: AuthRequest): (string | null)[] {
  if (!config.payloadFormat.includes('{url}')) {
    return [null];
  }

  if (config.publicUrl !== null) {
    return [config.publicUrl];
  }

  const host = headerValues(request.headers, 'x-forwarded-host')[0]?.split(',')[0]?.trim() ?? headerValues(request.headers, 'host')[0] ?? 'localhost';
  const proto = headerValues(request.headers, 'x-forwarded-proto')[0]?.split(',')[0]?.trim().toLowerCase();
  const schemes = proto === undefined || proto === '' ? ['https', 'http'] : [proto];
  return schemes.map((scheme) => `${scheme}://${host}${request.rawUrl}`);
}
