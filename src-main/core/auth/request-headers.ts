import type { HeaderPair } from '../../contract/exchange';

/** Returns every value of a header, matched without regard to case, in arrival order. */
export function headerValues(headers: readonly HeaderPair[], name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter(([candidate]) => candidate.toLowerCase() === lower).map(([, value]) => value);
}

/** Returns a copy of `headers` without the given names (any case). */
export function withoutHeaders(headers: readonly HeaderPair[], names: readonly string[]): HeaderPair[] {
  const lower = new Set(names.map((name) => name.toLowerCase()));
  return headers.filter(([name]) => !lower.has(name.toLowerCase()));
}
