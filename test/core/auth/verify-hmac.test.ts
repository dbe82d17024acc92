import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HmacAuthConfig } from '../../../src-main/contract/auth';
import { NO_AUTH_SETTINGS } from '../../../src-main/core/auth/auth-schema';
import { mergeAuthSettings } from '../../../src-main/core/auth/auth-settings';
import { verifyHmac } from '../../../src-main/core/auth/verify-hmac';
import { NOW_MS, TRICKY_BODY, requestWith } from './auth-fixtures';

const SECRET = 'synthetic-hmac-secret-Ω';
const TS_MS = String(NOW_MS - 2_000);
const TS_S = String(Math.floor((NOW_MS - 2_000) / 1000));

/** Builds a config with the settings parser, so every field not given takes Vapi's default. */
function hmacConfig(fields: Record<string, unknown> = {}): HmacAuthConfig {
  return mergeAuthSettings(NO_AUTH_SETTINGS, { default: { scheme: 'hmac', secretKey: SECRET, ...fields } }).default as HmacAuthConfig;
}

/** Computes an HMAC with node:crypto directly, independent of the code under test. */
function independentHmac(algorithm: string, key: string | Buffer, ...parts: (string | Buffer)[]): Buffer {
  const hmac = createHmac(algorithm, key);
  for (const part of parts) hmac.update(part);
  return hmac.digest();
}

describe('verifyHmac', () => {
  it('uses Vapi defaults', () => {
    const config = hmacConfig();
    expect(config.algorithm).toBe('sha256');
    expect(config.signatureHeader).toBe('x-signature');
    expect(config.timestampHeader).toBe('x-timestamp');
    expect(config.signaturePrefix).toBe('');
    expect(config.payloadFormat).toBe('{timestamp}.{body}');
    expect(config.signatureEncoding).toBe('hex');
    expect(config.secretIsBase64).toBe(false);
    expect(config.includeTimestamp).toBe(true);
  });

  it('accepts an independent HMAC under the defaults', () => {
    const signature = independentHmac('sha256', SECRET, `${TS_MS}.`, TRICKY_BODY).toString('hex');
    const check = verifyHmac(hmacConfig(), requestWith([['x-signature', signature], ['x-timestamp', TS_MS]]));
    expect(check.state).toBe('valid');
    expect(check.hmac?.expectedSignature).toBe(signature);
    expect(check.hmac?.timestampUnit).toBe('ms');
    expect(check.hmac?.timestampAgeSeconds).toBe(2);
  });

  it('keeps the exact signed bytes', () => {
    const signature = independentHmac('sha256', SECRET, `${TS_MS}.`, TRICKY_BODY).toString('hex');
    const check = verifyHmac(hmacConfig(), requestWith([['X-Signature', signature], ['X-Timestamp', TS_MS]]));
    const signed = Buffer.from(check.hmac?.signed.bytesBase64 ?? '', 'base64');
    expect(signed.equals(Buffer.concat([Buffer.from(`${TS_MS}.`), TRICKY_BODY]))).toBe(true);
    expect(check.hmac?.signed.text?.endsWith('🎉"}}\n')).toBe(true);
    expect(check.hmac?.signed.timestamp).toBe(TS_MS);
  });

  it('accepts sha512 and sha1 when configured', () => {
    for (const algorithm of ['sha512', 'sha1']) {
      const signature = independentHmac(algorithm, SECRET, `${TS_MS}.`, TRICKY_BODY).toString('hex');
      const check = verifyHmac(hmacConfig({ algorithm }), requestWith([['x-signature', signature], ['x-timestamp', TS_MS]]));
      expect(check.state, algorithm).toBe('valid');
    }
  });

  it('accepts base64 with a prefix and custom headers', () => {
    const config = hmacConfig({ signatureEncoding: 'base64', signaturePrefix: 'sha256=', signatureHeader: 'X-Hub-Signature', timestampHeader: 'X-Hub-Time' });
    const signature = independentHmac('sha256', SECRET, `${TS_S}.`, TRICKY_BODY).toString('base64');
    const check = verifyHmac(config, requestWith([['X-Hub-Signature', `sha256=${signature}`], ['X-Hub-Time', TS_S]]));
    expect(check.state).toBe('valid');
    expect(check.hmac?.timestampUnit).toBe('s');
  });

  it('decodes a base64 secret', () => {
    const key = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f, 0x01, 0xfe, 0x02]);
    const config = hmacConfig({ secretKey: key.toString('base64'), secretIsBase64: true });
    const signature = independentHmac('sha256', key, `${TS_MS}.`, TRICKY_BODY).toString('hex');
    expect(verifyHmac(config, requestWith([['x-signature', signature], ['x-timestamp', TS_MS]])).state).toBe('valid');
  });

  it('fills method and url placeholders', () => {
    const config = hmacConfig({ payloadFormat: '{method}\n{url}\n{timestamp}\n{body}' });
    const url = 'https://example-dev.ngrok.app/vapi/webhook?assistant=a1';
    const signature = independentHmac('sha256', SECRET, `POST\n${url}\n${TS_MS}\n`, TRICKY_BODY).toString('hex');
    const headers: [string, string][] = [['X-Forwarded-Proto', 'https'], ['x-signature', signature], ['x-timestamp', TS_MS]];
    const check = verifyHmac(config, requestWith(headers, TRICKY_BODY, '/vapi/webhook?assistant=a1'));
    expect(check.state).toBe('valid');
    expect(check.hmac?.signed.url).toBe(url);
  });

  it('uses a configured public URL for {url}', () => {
    const publicUrl = 'https://calls.example.com/hooks/vapi';
    const config = hmacConfig({ payloadFormat: '{url}|{body}', includeTimestamp: false, publicUrl });
    const signature = independentHmac('sha256', SECRET, `${publicUrl}|`, TRICKY_BODY).toString('hex');
    expect(verifyHmac(config, requestWith([['x-signature', signature]])).state).toBe('valid');
  });

  it('reads {svix-id} from the message id header', () => {
    const config = hmacConfig({ payloadFormat: '{svix-id}.{timestamp}.{body}', messageIdHeader: 'svix-id' });
    const signature = independentHmac('sha256', SECRET, `msg_1.${TS_S}.`, TRICKY_BODY).toString('hex');
    expect(verifyHmac(config, requestWith([['svix-id', 'msg_1'], ['x-signature', signature], ['x-timestamp', TS_S]])).state).toBe('valid');
    expect(verifyHmac(config, requestWith([['x-signature', signature], ['x-timestamp', TS_S]])).reason).toBe('message_id_missing');
  });

  it('flags a changed byte as mismatch', () => {
    const signature = independentHmac('sha256', SECRET, `${TS_MS}.`, TRICKY_BODY).toString('hex');
    const reserialised = Buffer.from(`${JSON.stringify(JSON.parse(TRICKY_BODY.toString('utf8')))}`);
    const check = verifyHmac(hmacConfig(), requestWith([['x-signature', signature], ['x-timestamp', TS_MS]], reserialised));
    expect(check.state).toBe('invalid');
    expect(check.reason).toBe('mismatch');
  });

  it('flags another secret as mismatch', () => {
    const signature = independentHmac('sha256', 'other-secret', `${TS_MS}.`, TRICKY_BODY).toString('hex');
    expect(verifyHmac(hmacConfig(), requestWith([['x-signature', signature], ['x-timestamp', TS_MS]])).reason).toBe('mismatch');
  });

  it('names the wrong algorithm', () => {
    const signature = independentHmac('sha512', SECRET, `${TS_MS}.`, TRICKY_BODY).toString('hex');
    const check = verifyHmac(hmacConfig(), requestWith([['x-signature', signature], ['x-timestamp', TS_MS]]));
    expect(check.state).toBe('invalid');
    expect(check.reason).toBe('wrong_algorithm');
    expect(check.message).toContain('SHA512');
  });

  it('names the wrong algorithm by size alone', () => {
    const signature = independentHmac('sha1', 'other-secret', `${TS_MS}.`, TRICKY_BODY).toString('hex');
    expect(verifyHmac(hmacConfig(), requestWith([['x-signature', signature], ['x-timestamp', TS_MS]])).reason).toBe('wrong_algorithm');
  });

  it('names the wrong encoding', () => {
    const signature = independentHmac('sha256', SECRET, `${TS_MS}.`, TRICKY_BODY).toString('base64');
    const check = verifyHmac(hmacConfig(), requestWith([['x-signature', signature], ['x-timestamp', TS_MS]]));
    expect(check.reason).toBe('wrong_encoding');
    expect(check.message).toContain('base64');
    expect(verifyHmac(hmacConfig(), requestWith([['x-signature', 'not hex at all'], ['x-timestamp', TS_MS]])).reason).toBe('wrong_encoding');
  });

  it('names a wrong or missing prefix', () => {
    const hex = independentHmac('sha256', SECRET, `${TS_MS}.`, TRICKY_BODY).toString('hex');
    expect(verifyHmac(hmacConfig(), requestWith([['x-signature', `sha256=${hex}`], ['x-timestamp', TS_MS]])).reason).toBe('wrong_prefix');
    expect(verifyHmac(hmacConfig({ signaturePrefix: 'sha256=' }), requestWith([['x-signature', hex], ['x-timestamp', TS_MS]])).reason).toBe('wrong_prefix');
  });

  it('names a base64 secret used as text', () => {
    const secretKey = Buffer.from('raw key bytes').toString('base64');
    const signature = independentHmac('sha256', secretKey, `${TS_MS}.`, TRICKY_BODY).toString('hex');
    const check = verifyHmac(hmacConfig({ secretKey, secretIsBase64: true }), requestWith([['x-signature', signature], ['x-timestamp', TS_MS]]));
    expect(check.reason).toBe('wrong_secret_format');
  });

  it('reports missing and empty signatures', () => {
    expect(verifyHmac(hmacConfig(), requestWith([['x-timestamp', TS_MS]])).state).toBe('missing');
    expect(verifyHmac(hmacConfig(), requestWith([['x-signature', ''], ['x-timestamp', TS_MS]])).state).toBe('empty');
  });

  it('reports a missing timestamp', () => {
    const signature = independentHmac('sha256', SECRET, '.', TRICKY_BODY).toString('hex');
    expect(verifyHmac(hmacConfig(), requestWith([['x-signature', signature]])).reason).toBe('timestamp_missing');
  });

  it('applies the tolerance in seconds and milliseconds', () => {
    const cases: [string, string | null][] = [
      [String(NOW_MS - 299_000), null],
      [String(NOW_MS - 301_000), 'timestamp_too_old'],
      [String(NOW_MS + 301_000), 'timestamp_in_future'],
      [String(Math.floor(NOW_MS / 1000) - 299), null],
      [String(Math.floor(NOW_MS / 1000) - 302), 'timestamp_too_old'],
      [String(Math.floor(NOW_MS / 1000) + 302), 'timestamp_in_future'],
      ['2026-01-15T17:31:37Z', 'timestamp_invalid'],
    ];

    for (const [timestamp, reason] of cases) {
      const signature = independentHmac('sha256', SECRET, `${timestamp}.`, TRICKY_BODY).toString('hex');
      const check = verifyHmac(hmacConfig(), requestWith([['x-signature', signature], ['x-timestamp', timestamp]]));
      expect(check.reason, timestamp).toBe(reason);
      expect(check.state, timestamp).toBe(reason === null ? 'valid' : 'invalid');
    }
  });

  it('applies a custom tolerance', () => {
    const timestamp = String(NOW_MS - 20_000);
    const signature = independentHmac('sha256', SECRET, `${timestamp}.`, TRICKY_BODY).toString('hex');
    const check = verifyHmac(hmacConfig({ toleranceSeconds: 10 }), requestWith([['x-signature', signature], ['x-timestamp', timestamp]]));
    expect(check.reason).toBe('timestamp_too_old');
    expect(check.message).toContain('20 s old');
  });

  it('signs without a timestamp when it is off', () => {
    const config = hmacConfig({ includeTimestamp: false, payloadFormat: '{body}' });
    const signature = independentHmac('sha256', SECRET, TRICKY_BODY).toString('hex');
    expect(verifyHmac(config, requestWith([['x-signature', signature]])).state).toBe('valid');
  });
});
