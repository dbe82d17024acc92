/** Fields a rule may carry, for "did you mean" hints on misspelt keys. */
const KNOWN_KEYS = ['rules', 'name', 'match', 'mode', 'result', 'error', 'message', 'response', 'delayMs', 'sequence', 'sequenceEnd', 'type', 'tool', 'phoneNumber', 'customerNumber', 'assistant', 'path', 'when', 'pointer', 'equals', 'contains', 'exists', 'status', 'headers', 'body'];

/** Returns the known field name closest to a misspelt one, or null when none is near. */
export function closestKey(key: string): string | null {
  const lower = key.toLowerCase();
  const exact = KNOWN_KEYS.find((known) => known.toLowerCase() === lower);

  if (exact !== undefined) {
    return exact;
  }

  const near = KNOWN_KEYS.map((known) => ({ known, distance: editDistance(lower, known.toLowerCase()) })).sort((a, b) => a.distance - b.distance)[0];
  return near !== undefined && near.distance <= 2 ? near.known : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_value, index) => index);

  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];

    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }

    previous = current;
  }

  return previous[b.length] as number;
}
