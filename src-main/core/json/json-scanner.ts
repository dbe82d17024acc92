/**
 * A strict JSON scanner that records where each value sits in the text instead of converting it,
 * so callers can re-indent or splice a body without rounding numbers or re-escaping strings.
 * Pure TypeScript with no Node imports, so the inspector's renderer can import it too.
 */

/** A value's place in the text: `start` is its first character and `end` is one past its last. */
export interface JsonSpan {
  start: number;
  end: number;
}

export interface JsonMember {
  /** The decoded key. */
  key: string;
  /** The key's quoted text, escapes included. */
  keySpan: JsonSpan;
  value: JsonNode;
}

export type JsonNode =
  | (JsonSpan & { kind: 'object'; members: JsonMember[] })
  | (JsonSpan & { kind: 'array'; items: JsonNode[] })
  | (JsonSpan & { kind: 'scalar' });

/** A syntax error with the character offset where scanning stopped. */
export class JsonScanError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} at position ${offset}`);
    this.name = 'JsonScanError';
    this.offset = offset;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const LITERALS = ['true', 'false', 'null'];

/** Scans a whole JSON text. Throws JsonScanError unless it is exactly one value with optional whitespace around it. */
export function scanJson(text: string): JsonNode {
  const scanner = new Scanner(text);
  const root = scanner.value();
  scanner.skipWhitespace();

  if (scanner.position < text.length) {
    throw new JsonScanError('Unexpected text after the JSON value', scanner.position);
  }

  return root;
}

class Scanner {
  position = 0;

  constructor(private readonly text: string) {}

  skipWhitespace(): void {
    while (' \t\n\r'.includes(this.text[this.position] ?? '.')) {
      this.position += 1;
    }
  }

  value(): JsonNode {
    this.skipWhitespace();
    const start = this.position;
    const char = this.text[start];

    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return { kind: 'scalar', ...this.string() };

    const literal = LITERALS.find((word) => this.text.startsWith(word, start));

    if (literal !== undefined) {
      this.position += literal.length;
      return { kind: 'scalar', start, end: this.position };
    }

    NUMBER.lastIndex = start;

    if (NUMBER.test(this.text)) {
      this.position = NUMBER.lastIndex;
      return { kind: 'scalar', start, end: this.position };
    }

    throw new JsonScanError(char === undefined ? 'Unexpected end of JSON' : `Unexpected character ${JSON.stringify(char)}`, start);
  }

  private string(): JsonSpan {
    const start = this.position;
    let index = start + 1;

    for (;;) {
      const code = this.text.charCodeAt(index);

      if (Number.isNaN(code) || code < 0x20) {
        throw new JsonScanError('Unterminated string or control character in a string', index);
      }

      if (code === 0x22) {
        this.position = index + 1;
        return { start, end: this.position };
      }

      if (code === 0x5c) {
        index += this.escapeLength(index);
      } else {
        index += 1;
      }
    }
  }

  /** Returns the length of the escape sequence that starts with the backslash at `index`. */
  private escapeLength(index: number): number {
    const kind = this.text[index + 1] ?? '';

    if ('"\\/bfnrt'.includes(kind) && kind !== '') {
      return 2;
    }

    if (kind === 'u' && HEX4.test(this.text.slice(index + 2, index + 6))) {
      return 6;
    }

    throw new JsonScanError('Invalid escape in a string', index);
  }

  private object(): JsonNode {
    const start = this.position;
    const members: JsonMember[] = [];
    this.position += 1;
    this.skipWhitespace();

    if (this.text[this.position] === '}') {
      this.position += 1;
      return { kind: 'object', start, end: this.position, members };
    }

    for (;;) {
      this.skipWhitespace();

      if (this.text[this.position] !== '"') {
        throw new JsonScanError('Expected a quoted key', this.position);
      }

      const keySpan = this.string();
      this.expect(':');
      const value = this.value();
      members.push({ key: JSON.parse(this.text.slice(keySpan.start, keySpan.end)) as string, keySpan, value });

      if (this.next(',', '}') === '}') {
        return { kind: 'object', start, end: this.position, members };
      }
    }
  }

  private array(): JsonNode {
    const start = this.position;
    const items: JsonNode[] = [];
    this.position += 1;
    this.skipWhitespace();

    if (this.text[this.position] === ']') {
      this.position += 1;
      return { kind: 'array', start, end: this.position, items };
    }

    for (;;) {
      items.push(this.value());

      if (this.next(',', ']') === ']') {
        return { kind: 'array', start, end: this.position, items };
      }
    }
  }

  private expect(char: string): void {
    this.skipWhitespace();

    if (this.text[this.position] !== char) {
      throw new JsonScanError(`Expected "${char}"`, this.position);
    }

    this.position += 1;
  }

  /** Consumes whichever of the two characters comes next and returns it. */
  private next(separator: string, closer: string): string {
    this.skipWhitespace();
    const char = this.text[this.position];

    if (char !== separator && char !== closer) {
      throw new JsonScanError(`Expected "${separator}" or "${closer}"`, this.position);
    }

    this.position += 1;
    return char;
  }
}
