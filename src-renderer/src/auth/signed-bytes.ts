/** One run of the signed text: plain characters, or a control character shown as a visible mark. */
export interface TextRun {
  text: string;
  escape: boolean;
}

const MARKS: Record<string, string> = { '\n': '↵\n', '\r': '␍', '\t': '→' };

/**
 * Splits signed text into runs, marking line breaks, tabs and other control characters, so a
 * trailing newline or a stray carriage return is visible.
 */
export function visibleRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let plain = '';

  for (const character of text) {
    const code = character.codePointAt(0) as number;
    const isControl = code < 0x20 || code === 0x7f;

    if (!isControl) {
      plain += character;
      continue;
    }

    if (plain !== '') runs.push({ text: plain, escape: false });
    plain = '';
    runs.push({ text: MARKS[character] ?? `\\x${code.toString(16).padStart(2, '0')}`, escape: true });
  }

  if (plain !== '') runs.push({ text: plain, escape: false });
  return runs;
}

/** Builds a Node.js line that recomputes the signature over the exact bytes, for the developer's own tests. */
export function nodeSnippet(algorithm: string, encoding: string, bytesBase64: string, secretIsBase64: boolean): string {
  const key = secretIsBase64 ? "Buffer.from(process.env.SECRET, 'base64')" : 'process.env.SECRET';
  return `require('node:crypto').createHmac('${algorithm}', ${key}).update(Buffer.from('${bytesBase64}', 'base64')).digest('${encoding}')`;
}
