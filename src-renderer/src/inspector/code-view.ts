import { defaultKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { foldAll, foldGutter, foldKeymap, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { jsonPointerAt } from './json-pointer';

/** Documents larger than this, in characters, open with every object folded. */
export const FOLD_ALL_ABOVE = 200_000;

/** JSON colours that read in both themes, because they use the page's CSS variables. */
const jsonHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--accent)' },
  { tag: tags.string, color: 'var(--ok)' },
  { tag: tags.number, color: 'var(--mocked)' },
  { tag: [tags.bool, tags.null], color: 'var(--warn)' },
]);

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--bg)', color: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-raised)', color: 'var(--text-muted)', borderRight: '1px solid var(--border)' },
  '.cm-content': { fontFamily: 'var(--mono)' },
  '.cm-activeLine': { backgroundColor: 'transparent' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'var(--bg-selected)' },
  '.cm-panels': { backgroundColor: 'var(--bg-raised)', color: 'var(--text)' },
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
    extensions.push(json(), foldGutter(), syntaxHighlighting(jsonHighlight));

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
