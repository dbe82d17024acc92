import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { curlCommand, shellQuote } from '../../../src-renderer/src/inspector/curl';
import { bytesFromBase64, hexDump } from '../../../src-renderer/src/inspector/hex-dump';
import { jsonPointerAt } from '../../../src-renderer/src/inspector/json-pointer';

function pointerAt(doc: string, marker: string): string | null {
  const state = EditorState.create({ doc, extensions: [json()] });
  return jsonPointerAt(state, doc.indexOf(marker));
}

describe('jsonPointerAt', () => {
  const doc = JSON.stringify({ message: { toolCallList: [{ id: 'a' }, { function: { name: 'book' } }], 'a/b~c': 1 } }, null, 2);

  it('points at a nested value', () => {
    expect(pointerAt(doc, '"book"')).toBe('/message/toolCallList/1/function/name');
  });

  it('points at the value of a clicked key', () => {
    expect(pointerAt(doc, '"toolCallList"')).toBe('/message/toolCallList');
  });

  it('escapes slash and tilde', () => {
    expect(pointerAt(doc, '"a/b~c"')).toBe('/message/a~1b~0c');
  });

  it('returns empty for the whole document', () => {
    expect(pointerAt('[1, 2]', '[')).toBe('');
  });

  it('counts array items', () => {
    expect(pointerAt('[10, 20, 30]', '30')).toBe('/2');
  });
});

describe('hexDump', () => {
  it('prints offset, hex and ASCII', () => {
    expect(hexDump(new Uint8Array([0x7b, 0x22, 0x00, 0xff]))).toBe(`00000000  7b 22 00 ff${' '.repeat(12)}${' '.repeat(27)}|{"..|`);
  });

  it('stops at the byte limit', () => {
    const dump = hexDump(new Uint8Array(40), 16);

    expect(dump.split('\n')).toHaveLength(2);
    expect(dump).toContain('24 more bytes not shown');
  });

  it('decodes base64', () => {
    expect(Array.from(bytesFromBase64('AP8='))).toEqual([0, 255]);
  });
});

describe('curlCommand', () => {
  it('quotes single quotes for the shell', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('sends text bodies inline without connection headers', () => {
    const command = curlCommand('http://localhost:3000/hook', 'POST', [['Host', 'x'], ['Content-Type', 'application/json'], ['Content-Length', '2']], '{}', 'e30=');

    expect(command).toBe(`curl 'http://localhost:3000/hook' -X POST -H 'Content-Type: application/json' --data-raw '{}'`);
  });

  it('pipes binary bodies from base64', () => {
    expect(curlCommand('http://h/', 'POST', [], null, 'AP8=')).toBe(`printf %s 'AP8=' | base64 -d | curl 'http://h/' -X POST --data-binary @-`);
  });
});
