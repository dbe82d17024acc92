import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/** JSON colours that read in both themes, because they use the page's CSS variables. */
export const jsonHighlighting: Extension = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.propertyName, color: 'var(--accent)' },
    { tag: tags.string, color: 'var(--ok)' },
    { tag: tags.number, color: 'var(--mocked)' },
    { tag: [tags.bool, tags.null], color: 'var(--warn)' },
  ]),
);

/** Editor colours shared by the read-only body view and the JSON editor. */
const SHARED_THEME_RULES = {
  '.cm-gutters': { backgroundColor: 'var(--bg-raised)', color: 'var(--text-muted)', borderRight: '1px solid var(--border)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'var(--bg-selected)' },
  '.cm-panels': { backgroundColor: 'var(--bg-raised)', color: 'var(--text)' },
};

/** Builds an editor theme from the shared colours plus `rules` of its own. */
export function codeTheme(rules: Record<string, Record<string, string>>): Extension {
  return EditorView.theme({ ...SHARED_THEME_RULES, ...rules });
}
