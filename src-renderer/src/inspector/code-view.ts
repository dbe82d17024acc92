import { defaultKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { foldAll, foldGutter, foldKeymap } from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { codeTheme, jsonHighlighting } from '../format/code-theme';
import { jsonPointerAt } from './json-pointer';

/** Documents larger than this, in characters, open with every object folded. */
export const FOLD_ALL_ABOVE = 200_000;

const theme = codeTheme({
  '&': { backgroundColor: 'var(--bg)', color: 'var(--text)' },
  '.cm-content': { fontFamily: 'var(--mono)' },
  '.cm-activeLine': { backgroundColor: 'transparent' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--bg-sunken)', border: 'none', color: 'var(--text-muted)' },
});

export interface CodeViewOptions {
  text: string;
  isJson: boolean;
  parent: HTMLElement;
  /** Called with the JSON pointer of the clicked value or key. */
  onPointer?(pointer: string | null): void;
}

/**
 * Opens a read-only CodeMirror view. JSON gets folding and a JSON pointer for the clicked key;
 * every document gets search (Ctrl/Cmd+F) and line numbers. CodeMirror renders only the visible
 * lines, so bodies of several MB stay responsive.
 */
export function openCodeView(options: CodeViewOptions): EditorView {
  const extensions: Extension[] = [
    lineNumbers(),
    EditorState.readOnly.of(true),
    EditorView.lineWrapping,
    search({ top: true }),
    highlightSelectionMatches(),
    keymap.of([...searchKeymap, ...foldKeymap, ...defaultKeymap]),
    theme,
  ];

  if (options.isJson) {
    extensions.push(json(), foldGutter(), jsonHighlighting);

    if (options.onPointer !== undefined) {
      const onPointer = options.onPointer;
      extensions.push(
        EditorView.updateListener.of((update) => {
          if (update.selectionSet) onPointer(jsonPointerAt(update.state, update.state.selection.main.head));
        }),
      );
    }
  }

  const view = new EditorView({ parent: options.parent, state: EditorState.create({ doc: options.text, extensions }) });

  if (options.isJson && options.text.length > FOLD_ALL_ABOVE) {
    foldAll(view);
  }

  return view;
}
