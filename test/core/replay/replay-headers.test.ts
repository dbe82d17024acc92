import { describe, expect, it } from 'vitest';
import type { HeaderPair } from '../../../src-main/contract/exchange';
import { prepareReplayHeaders, type ReplayHeaderInput } from '../../../src-main/core/replay/replay-headers';
import { DEFAULT_BODY_SIGNATURE_HEADERS } from '../../../src-main/core/replay/replay-signing';

function input(fields: Partial<ReplayHeaderInput>): ReplayHeaderInput {
  return {
    headers: [],
    method: 'POST',
    url: 'http://127.0.0.1:3000/vapi/webhook',
    receivedPath: '/vapi/webhook',
    targetHost: '127.0.0.1:3000',
    body: Buffer.from('{}'),
    contentEncoding: null,
    bodyChanged: false,
    signing: { bodySignatureHeaders: DEFAULT_BODY_SIGNATURE_HEADERS },
    ...fields,
  };
}

const signed: HeaderPair[] = [
  ['Content-Type', 'application/json'],
  ['x-signature', 'abc'],
  ['x-timestamp', '1'],
];

describe('prepareReplayHeaders', () => {
  it('sets Host, Content-Length and Content-Encoding from what is sent', async () => {
    const prepared = await prepareReplayHeaders(
      input({
        headers: [
          ['Host', 'tunnel.example'],
          ['Content-Length', '999'],
          ['Content-Encoding', 'br'],
          ['Transfer-Encoding', 'chunked'],
          ['X-Env', 'dev'],
        ],
        body: Buffer.from('12345'),
        contentEncoding: 'gzip',
      }),
    );

    expect(prepared.headers).toEqual([
      ['Host', '127.0.0.1:3000'],
      ['X-Env', 'dev'],
      ['Content-Encoding', 'gzip'],
      ['Content-Length', '5'],
    ]);
  });

  it('omits Content-Length on an empty GET', async () => {
    const prepared = await prepareReplayHeaders(input({ method: 'GET', body: Buffer.alloc(0) }));

    expect(prepared.headers).toEqual([['Host', '127.0.0.1:3000']]);
  });

  it('keeps Content-Length 0 on an empty POST', async () => {
    const prepared = await prepareReplayHeaders(input({ body: Buffer.alloc(0) }));

    expect(prepared.headers).toContainEqual(['Content-Length', '0']);
  });

  it('marks an edited signed body stale', async () => {
    const prepared = await prepareReplayHeaders(input({ headers: signed, bodyChanged: true }));

    expect(prepared.signature).toBe('stale');
    expect(prepared.headers).toContainEqual(['x-signature', 'abc']);
  });

  it('marks an unedited signed body original', async () => {
    expect((await prepareReplayHeaders(input({ headers: signed }))).signature).toBe('original');
  });

  it('uses configured signature header names', async () => {
    const prepared = await prepareReplayHeaders(
      input({ headers: [['X-Hub-Signature', 'v1']], bodyChanged: true, signing: { bodySignatureHeaders: ['x-hub-signature'] } }),
    );

    expect(prepared.signature).toBe('stale');
  });

  it('passes the exact request to the signer', async () => {
    const seen: unknown[] = [];
    const prepared = await prepareReplayHeaders(
      input({
        headers: signed,
        bodyChanged: true,
        body: Buffer.from('{"edited":true}'),
        signing: {
          bodySignatureHeaders: DEFAULT_BODY_SIGNATURE_HEADERS,
          sign: async (request) => {
            seen.push(request);
            return { headers: [...request.headers.filter(([name]) => name !== 'x-signature'), ['x-signature', 'fresh']], scheme: 'hmac-sha256' };
          },
        },
      }),
    );

    expect(seen).toEqual([
      {
        method: 'POST',
        url: 'http://127.0.0.1:3000/vapi/webhook',
        receivedPath: '/vapi/webhook',
        body: Buffer.from('{"edited":true}'),
        headers: [['Host', '127.0.0.1:3000'], ...signed, ['Content-Length', '15']],
      },
    ]);
    expect(prepared.signature).toBe('hmac-sha256');
    expect(prepared.headers).toContainEqual(['x-signature', 'fresh']);
  });

  it('stays stale when the signer leaves the body signature', async () => {
    const prepared = await prepareReplayHeaders(
      input({
        headers: signed,
        bodyChanged: true,
        signing: { bodySignatureHeaders: DEFAULT_BODY_SIGNATURE_HEADERS, sign: (request) => ({ headers: [...request.headers, ['X-Vapi-Secret', 's']], scheme: 'secret' }) },
      }),
    );

    expect(prepared.signature).toBe('stale');
  });

  it('sends the recorded headers when the signer has no secret', async () => {
    const prepared = await prepareReplayHeaders(input({ headers: signed, signing: { bodySignatureHeaders: ['x-signature'], sign: () => null } }));

    expect(prepared.signature).toBe('original');
  });
});
