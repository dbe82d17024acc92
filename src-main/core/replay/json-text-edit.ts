import type { JsonPointerEdit } from '../../contract/replay';
import { SwitchboardError } from '../errors';
import { scanJson, type JsonNode } from '../json/json-scanner';
import { escapePointerKey, pointerKeys } from './json-pointer';

type Container = Exclude<JsonNode, { kind: 'scalar' }>;

/**
 * Applies one pointer edit to a JSON text by splicing: only the bytes of the edited value change,
 * or a new `"key": value` (or array item) is inserted after the parent's last entry, copying the
 * separator and indentation already used there. Every other byte, including number literals,
 * escapes, key order and whitespace, stays as it was. Pointer rules match `applyPointerEdit`.
 * The text must be valid JSON; callers check that first to give their own message.
 */
export function applyPointerEditToText(text: string, edit: JsonPointerEdit): string {
  const keys = pointerKeys(edit.pointer);
  const root = scanJson(text);

  if (edit.value === undefined) {
    throw new SwitchboardError('invalid_json_pointer', `Cannot set ${edit.pointer}: the edit has no value. Give a JSON value, such as "text" or 42.`, {
      pointer: edit.pointer,
    });
  }

  if (edit.valueJson !== undefined) {
    requireValueJson(edit.pointer, edit.valueJson);
  }

  if (keys.length === 0) {
    return splice(text, root.start, root.end, valueText(text, edit, root.start));
  }

  const parent = parentOf(root, keys, edit.pointer);
  const last = keys[keys.length - 1] as string;

  const existing = parent.kind === 'object' ? childOf(parent, last) : arrayItem(parent, last, edit);

  if (existing !== undefined) {
    return splice(text, existing.start, existing.end, valueText(text, edit, existing.start));
  }

  return insertEntry(text, root, parent, parent.kind === 'object' ? last : null, edit);
}

/** Follows every key but the last. Each must name an object or array, as `applyPointerEdit` requires. */
function parentOf(root: JsonNode, keys: string[], pointer: string): Container {
  let node: JsonNode = root;

  for (const [depth, key] of keys.slice(0, -1).entries()) {
    const child = childOf(node, key);

    if (child === undefined || child.kind === 'scalar') {
      const where = `/${keys.slice(0, depth + 1).map(escapePointerKey).join('/')}`;
      throw new SwitchboardError(
        'invalid_json_pointer',
        `Cannot set ${pointer}: ${where} is not an object or array in the body. Check the path against the recorded body.`,
        { pointer },
      );
    }

    node = child;
  }

  if (node.kind === 'scalar') {
    throw new SwitchboardError('invalid_json_pointer', `Cannot set ${pointer}: the body is not an object or array. Use the pointer "" to replace the whole body.`, {
      pointer,
    });
  }

  return node;
}

/** Finds the value a key names: the last member with that key, as JSON.parse keeps the last duplicate, or an array item. */
function childOf(node: JsonNode, key: string): JsonNode | undefined {
  if (node.kind === 'object') {
    return node.members.findLast((member) => member.key === key)?.value;
  }

  if (node.kind === 'array') {
    return node.items[indexOf(key) ?? -1];
  }

  return undefined;
}

function indexOf(key: string): number | null {
  return /^(0|[1-9]\d*)$/.test(key) ? Number(key) : null;
}

/** Finds the item that `key` replaces. Returns undefined when the edit appends (`-` or the index just past the end). */
function arrayItem(array: Extract<JsonNode, { kind: 'array' }>, key: string, edit: JsonPointerEdit): JsonNode | undefined {
  const index = key === '-' ? array.items.length : indexOf(key);

  if (index === null || index > array.items.length) {
    const count = array.items.length;
    throw new SwitchboardError(
      'invalid_json_pointer',
      `Cannot set ${edit.pointer}: "${key}" is not an index of an array of ${count} items. Use 0 to ${count}, or "-" to append.`,
      { pointer: edit.pointer },
    );
  }

  return array.items[index];
}

/** Inserts a member (`key` given) or an array item after the container's last entry. */
function insertEntry(text: string, root: JsonNode, container: Container, key: string | null, edit: JsonPointerEdit): string {
  const entries = container.kind === 'object' ? container.members.map((member) => ({ start: member.keySpan.start, end: member.value.end })) : container.items;
  const lastEntry = entries[entries.length - 1];
  const previous = entries[entries.length - 2];

  // The separator between the last two entries is copied. With one entry it is a comma plus the
  // whitespace after the opening bracket, and an empty container gets the entry right after it.
  const separator = previous !== undefined && lastEntry !== undefined ? text.slice(previous.end, lastEntry.start) : lastEntry !== undefined ? `,${text.slice(container.start + 1, lastEntry.start)}` : '';
  const at = lastEntry?.end ?? container.start + 1;
  const entryStart = at + separator.length;
  const prefix = key === null ? '' : `${JSON.stringify(key)}${colonStyle(text, container, root)}`;
  const inserted = `${separator}${prefix}${valueText(splice(text, at, at, separator), edit, entryStart)}`;

  return splice(text, at, at, inserted);
}

/** Copies the text between a key and its value (`:` or `: `) from the container, or else from the first member in the document. */
function colonStyle(text: string, container: Container, root: JsonNode): string {
  const member = container.kind === 'object' ? container.members[0] : undefined;
  const sample = member ?? firstMember(root);
  return sample === undefined ? ':' : text.slice(sample.keySpan.end, sample.value.start);
}

function firstMember(node: JsonNode): Extract<JsonNode, { kind: 'object' }>['members'][number] | undefined {
  if (node.kind === 'object' && node.members.length > 0) return node.members[0];
  if (node.kind === 'scalar') return undefined;
  const children = node.kind === 'object' ? node.members.map((member) => member.value) : node.items;

  for (const child of children) {
    const found = firstMember(child);
    if (found !== undefined) return found;
  }

  return undefined;
}

/**
 * Serialises a new value, or returns its `valueJson` unchanged. In a multi-line document an object
 * or array is indented like the document, continuing from the indentation of the line at
 * `position`. Elsewhere it is compact.
 */
function valueText(text: string, edit: JsonPointerEdit, position: number): string {
  const value = edit.value;

  if (edit.valueJson !== undefined) {
    return edit.valueJson;
  }

  const multiLine = text.trim().includes('\n');
  const isFilledContainer = typeof value === 'object' && value !== null && Object.keys(value).length > 0;

  if (!multiLine || !isFilledContainer) {
    return JSON.stringify(value);
  }

  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  const lineIndent = /^[ \t]*/.exec(text.slice(lineStart, position))?.[0] ?? '';
  const unit = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';

  // JSON.stringify escapes newlines inside strings, so every raw newline here is between tokens.
  return JSON.stringify(value, null, unit).replaceAll('\n', `\n${lineIndent}`);
}

function requireValueJson(pointer: string, valueJson: string): void {
  try {
    scanJson(valueJson);
  } catch (error) {
    throw new SwitchboardError('invalid_json', `Cannot set ${pointer}: the value ${valueJson} is not valid JSON (${(error as Error).message}). Quote text values.`, {
      pointer,
    });
  }
}

function splice(text: string, start: number, end: number, replacement: string): string {
  return `${text.slice(0, start)}${replacement}${text.slice(end)}`;
}
