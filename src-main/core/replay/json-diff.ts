import type { JsonChange } from '../../contract/replay';
import { escapePointerKey } from './json-pointer';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Lists how `after` differs from `before`, key by key, as RFC 6901 pointers. Objects are compared
 * by key and arrays by index, so an item inserted in the middle of an array shows as changes to
 * every later index plus one addition. A value whose JSON type changed is one `changed` entry.
 */
export function diffJson(before: unknown, after: unknown, pointer = ''): JsonChange[] {
  if (isObject(before) && isObject(after)) {
    return diffObjects(before, after, pointer);
  }

  if (Array.isArray(before) && Array.isArray(after)) {
    return diffArrays(before, after, pointer);
  }

  return Object.is(before, after) ? [] : [{ kind: 'changed', pointer, before, after }];
}

function diffObjects(before: JsonObject, after: JsonObject, pointer: string): JsonChange[] {
  const changes: JsonChange[] = [];

  for (const key of Object.keys(before)) {
    const child = `${pointer}/${escapePointerKey(key)}`;

    if (Object.hasOwn(after, key)) {
      changes.push(...diffJson(before[key], after[key], child));
    } else {
      changes.push({ kind: 'removed', pointer: child, before: before[key] });
    }
  }

  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key)) {
      changes.push({ kind: 'added', pointer: `${pointer}/${escapePointerKey(key)}`, after: after[key] });
    }
  }

  return changes;
}

function diffArrays(before: unknown[], after: unknown[], pointer: string): JsonChange[] {
  const changes: JsonChange[] = [];
  const shared = Math.min(before.length, after.length);

  for (let index = 0; index < shared; index += 1) {
    changes.push(...diffJson(before[index], after[index], `${pointer}/${index}`));
  }

  for (let index = shared; index < before.length; index += 1) {
    changes.push({ kind: 'removed', pointer: `${pointer}/${index}`, before: before[index] });
  }

  for (let index = shared; index < after.length; index += 1) {
    changes.push({ kind: 'added', pointer: `${pointer}/${index}`, after: after[index] });
  }

  return changes;
}
