import { ensureSyntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import type { SyntaxNode } from '@lezer/common';

/** Node names of JSON values in the Lezer JSON grammar. */
const VALUE_NODES = new Set(['Object', 'Array', 'String', 'Number', 'True', 'False', 'Null']);

/** Escapes one reference token as RFC 6901 requires: `~` becomes `~0` and `/` becomes `~1`. */
function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function indexInArray(node: SyntaxNode): number {
  let index = 0;
  for (let sibling = node.prevSibling; sibling !== null; sibling = sibling.prevSibling) {
    if (VALUE_NODES.has(sibling.name)) index += 1;
  }
  return index;
}

function propertyName(state: EditorState, property: SyntaxNode): string {
  const name = property.getChild('PropertyName');
  if (name === null) return '';
  const raw = state.sliceDoc(name.from, name.to);

  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.replace(/^"|"$/g, '');
  }
}

/**
 * Returns the RFC 6901 JSON pointer of the value or key at `pos` in a JSON document, such as
 * `/message/toolCallList/0/function/name`; `''` is the whole document. Returns null when the
 * document could not be parsed within the time budget.
 */
export function jsonPointerAt(state: EditorState, pos: number): string | null {
  const tree = ensureSyntaxTree(state, state.doc.length, 200);
  if (tree === null) return null;

  const tokens: string[] = [];
  let node: SyntaxNode | null = tree.resolveInner(pos, 1);

  // Inside a key, the pointer names that property's value.
  if (node.name === 'PropertyName' && node.parent !== null) node = node.parent;

  for (; node !== null; node = node.parent) {
    if (node.name === 'Property') {
      tokens.unshift(escapeToken(propertyName(state, node)));
    } else if (VALUE_NODES.has(node.name) && node.parent?.name === 'Array') {
      tokens.unshift(String(indexInArray(node)));
    }
  }

  return tokens.length === 0 ? '' : `/${tokens.join('/')}`;
}
