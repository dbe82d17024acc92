import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBodyForDisplay } from '../../src-main/core/body-decoding';

const TEXT = '{"results":[{"toolCallId":"a","result":"ok"}]}';

describe('decodeBodyForDisplay', () => {
  it('returns null for a body without encoding', () => {
    expect(decodeBodyForDisplay(Buffer.from(TEXT), [['Content-Type', 'application/json']])).toBeNull();
  });

  it('returns null for identity encoding', () => {
    expect(decodeBodyForDisplay(Buffer.from(TEXT), [['Content-Encoding', 'identity']])).toBeNull();
  });

  it('decodes gzip, br and both deflate forms', () => {
    const cases: [string, Buffer][] = [
      ['gzip', gzipSync(TEXT)],
      ['br', brotliCompressSync(TEXT)],
      ['deflate', deflateSync(TEXT)],
      ['deflate', deflateRawSync(TEXT)],
    ];

    for (const [encoding, bytes] of cases) {
      const decoded = decodeBodyForDisplay(bytes, [['content-encoding', encoding]]);

      expect(decoded?.text, encoding).toBe(TEXT);
      expect(decoded?.size, encoding).toBe(TEXT.length);
      expect(decoded?.error, encoding).toBeNull();
    }
  });

  it('undoes stacked encodings from the last', () => {
    const bytes = brotliCompressSync(gzipSync(TEXT));

    expect(decodeBodyForDisplay(bytes, [['Content-Encoding', 'gzip, br']])?.text).toBe(TEXT);
  });

  it('reports a body that is not gzip', () => {
    const decoded = decodeBodyForDisplay(Buffer.from(TEXT), [['Content-Encoding', 'gzip']]);

    expect(decoded?.encoding).toBe('gzip');
    expect(decoded?.text).toBeNull();
    expect(decoded?.error).toMatch(/header/);
  });

  it('reports a truncated gzip body', () => {
    const bytes = gzipSync(TEXT.repeat(100));

    expect(decodeBodyForDisplay(bytes.subarray(0, bytes.length - 20), [['Content-Encoding', 'gzip']])?.error).toMatch(/end of file/);
  });

  it('reports an unknown encoding', () => {
    expect(decodeBodyForDisplay(Buffer.from(TEXT), [['Content-Encoding', 'compress']])?.error).toBe('the encoding "compress" is not supported');
  });

  it('marks binary content as not text', () => {
    const decoded = decodeBodyForDisplay(gzipSync(Buffer.from([0xff, 0xfe, 0x00, 0x80])), [['Content-Encoding', 'gzip']]);

    expect(decoded?.text).toBeNull();
    expect(Buffer.from(decoded?.base64 ?? '', 'base64')).toEqual(Buffer.from([0xff, 0xfe, 0x00, 0x80]));
  });
});
