import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { bracketMatching, foldGutter, foldKeymap } from '@codemirror/language';
import { lintGutter, linter } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { codeTheme, jsonHighlighting } from '../format/code-theme';
import { messageOf } from '../format/error-message';

const theme = codeTheme({
  '&': { backgroundColor: 'var(--bg)', color: 'var(--text)', height: '100%' },
  '.cm-scroller': { overflow: 'auto' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--text)' },
  '.cm-tooltip': { backgroundColor: 'var(--bg-raised)', color: 'var(--text)', border: '1px solid var(--border)' },
});

export interface JsonEditorOptions {
  text: string;
  parent: HTMLElement;
  /** Called with the whole text after every change. */
  onChange(text: string): void;
}

/**
 * Keeps the body's line breaks. By default CodeMirror splits on `\n`, `\r\n` and `\r` and joins
 * with `\n`, which would turn a CRLF body into an LF one. Splitting on exactly one separator
 * leaves any other `\r` in the text, so `state.sliceDoc()` returns the text unchanged.
 */
export function exactLineBreaks(text: string): Extension {
  const crlfOnly = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
  return EditorState.lineSeparator.of(crlfOnly ? '\r\n' : '\n');
}

/**
 * Opens an editable CodeMirror view for a JSON body: syntax colours, folding, undo, search and
 * replace (Ctrl/Cmd+F), and parse errors underlined as the user types.
 */
export function openJsonEditor(options: JsonEditorOptions): EditorView {
  const state = EditorState.create({
    doc: options.text,
    extensions: [
      lineNumbers(),
      history(),
      foldGutter(),
      bracketMatching(),
      EditorView.lineWrapping,
      exactLineBreaks(options.text),
      json(),
      jsonHighlighting,
      linter(jsonParseLinter(), { delay: 300 }),
      lintGutter(),
      search({ top: true }),
      highlightSelectionMatches(),
      keymap.of([...searchKeymap, ...historyKeymap, ...foldKeymap, ...defaultKeymap]),
      EditorView.updateListener.of((update) => {
        // sliceDoc joins lines with the configured separator, where doc.toString() always uses \n.
        if (update.docChanged) options.onChange(update.state.sliceDoc());
      }),
      theme,
    ],
  });

  return new EditorView({ parent: options.parent, state });
}

/** Returns the parse error of a JSON text, or null when it parses. */
export function jsonError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return messageOf(error);
  }
}
