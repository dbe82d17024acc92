/** The JSON kind of a value, as messages name it: object, array, string, number, boolean, null or missing. */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return kindOf(value) === 'object';
}

/** The keys of an object in words, such as `"foo", "bar"`, or `no keys`. */
export function keysInWords(value: Record<string, unknown>): string {
  const keys = Object.keys(value);
  return keys.length === 0 ? 'no keys' : keys.map((key) => `"${key}"`).join(', ');
}
