import type { JsonPointerEdit } from '../../contract/replay';
import { SwitchboardError } from '../errors';

/** Splits an RFC 6901 pointer into unescaped keys; `''` is the whole document. */
export function pointerKeys(pointer: string): string[] {
  if (pointer === '') {
    return [];
  }

  if (!pointer.startsWith('/')) {
    throw new SwitchboardError(
      'invalid_json_pointer',
      `Invalid JSON pointer "${pointer}": it must start with "/", such as /message/analysis/summary.`,
      { pointer },
    );
  }

  return pointer
    .slice(1)
    .split('/')
    .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Escapes one key for use in a pointer (`~` becomes `~0`, `/` becomes `~1`). */
export function escapePointerKey(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

/**
 * Returns `document` with the value at `edit.pointer` replaced. Every key but the last must exist;
 * the last is created on an object, and on an array it may be an index up to the length or `-`
 * to append. The pointer `''` replaces the whole document. The input is not modified.
 */
export function applyPointerEdit(document: unknown, edit: JsonPointerEdit): unknown {
  const keys = pointerKeys(edit.pointer);

  if (keys.length === 0) {
    return edit.value;
  }

  const copy: unknown = structuredClone(document);
  let parent: unknown = copy;

  for (const [depth, key] of keys.slice(0, -1).entries()) {
    // Only own keys are followed, so a key such as `__proto__` never reaches a prototype.
    const child = isContainer(parent) && Object.hasOwn(parent, key) ? (parent as Record<string, unknown>)[key] : undefined;

    if (!isContainer(child) || (Array.isArray(parent) && !isArrayIndex(key, parent.length - 1))) {
      const where = `/${keys.slice(0, depth + 1).map(escapePointerKey).join('/')}`;
      throw new SwitchboardError(
        'invalid_json_pointer',
        `Cannot set ${edit.pointer}: ${where} is not an object or array in the body. Check the path against the recorded body.`,
        { pointer: edit.pointer },
      );
    }

    parent = child;
  }

  const last = keys[keys.length - 1] as string;

  if (Array.isArray(parent)) {
    setArrayItem(parent, last, edit);
  } else {
    Object.defineProperty(parent, last, { value: edit.value, enumerable: true, writable: true, configurable: true });
  }

  return copy;
}

function isArrayIndex(key: string, maxIndex: number): boolean {
  return /^(0|[1-9]\d*)$/.test(key) && Number(key) <= maxIndex;
}

function setArrayItem(array: unknown[], key: string, edit: JsonPointerEdit): void {
  if (key === '-') {
    array.push(edit.value);
    return;
  }

  if (!isArrayIndex(key, array.length)) {
    throw new SwitchboardError(
      'invalid_json_pointer',
      `Cannot set ${edit.pointer}: "${key}" is not an index of an array of ${array.length} items. Use 0 to ${array.length}, or "-" to append.`,
      { pointer: edit.pointer },
    );
  }

  array[Number(key)] = edit.value;
}

/**
 * Parses a command-line edit `POINTER=VALUE`. The value is JSON when it parses as JSON (`42`,
 * `true`, `{"a":1}`, `"quoted"`) and a plain string otherwise. JSON that re-serialises
 * differently also keeps its text in `valueJson`, so it is sent exactly as typed.
 */
export function parsePointerAssignment(text: string): JsonPointerEdit {
  const separator = text.indexOf('=');

  if (separator === -1) {
    throw new SwitchboardError(
      'invalid_json_pointer',
      `"${text}" is not POINTER=VALUE. Write it like /message/analysis/summary="New summary".`,
      { edit: text },
    );
  }

  const pointer = text.slice(0, separator);
  const raw = text.slice(separator + 1);
  pointerKeys(pointer);

  let value: unknown;

  try {
    value = JSON.parse(raw);
  } catch {
    return { pointer, value: raw };
  }

  // Keeps literals such as 12345678901234567891 or 2.50 as typed, because re-serialising the parsed
  // value would send 12345678901234567000 or 2.5.
  const valueJson = raw.trim();
  return valueJson === JSON.stringify(value) ? { pointer, value } : { pointer, value, valueJson };
}
