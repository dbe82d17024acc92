import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { exactLineBreaks } from '../../../src-renderer/src/replay/json-editor';

function roundTrip(text: string): string {
  return EditorState.create({ doc: text, extensions: [exactLineBreaks(text)] }).sliceDoc();
}

describe('exactLineBreaks', () => {
  it('keeps CRLF, LF, CR and mixed breaks', () => {
    for (const text of ['{\r\n  "a": 1.10\r\n}\r\n', '{\n  "a": 1\n}\n', '{"a":\r1}', '{\r\n"a":\n1\r}', '']) {
      expect(roundTrip(text), JSON.stringify(text)).toBe(text);
    }
  });

  it('inserts the body line break on edit', () => {
    const text = '{\r\n  "a": 1\r\n}';
    const state = EditorState.create({ doc: text, extensions: [exactLineBreaks(text)] });

    // Document positions count a line break as one character, whatever its separator.
    const after = state.doc.toString().indexOf('1') + 1;
    const edited = state.update({ changes: { from: after, insert: ',\r\n  "b": 2' } }).state;

    expect(edited.sliceDoc()).toBe('{\r\n  "a": 1,\r\n  "b": 2\r\n}');
    expect(edited.doc.lines).toBe(4);
  });
});
