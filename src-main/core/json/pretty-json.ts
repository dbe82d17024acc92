import { scanJson, type JsonNode } from './json-scanner';

/**
 * Re-indents a JSON text for display without converting any value: number literals such as
 * `12345678901234567891`, `1.10` or `1e3`, string escapes and key order come out exactly as
 * written, and only whitespace between tokens changes. Returns null when the text is not valid
 * JSON, so callers can show it raw. Pure TypeScript, shared by the CLI and the inspector.
 */
export function prettyJsonText(text: string, indent = '  '): string | null {
  let root: JsonNode;

  try {
    root = scanJson(text);
  } catch {
    return null;
  }

  const parts: string[] = [];
  writeNode(text, root, indent, '', parts);
  return parts.join('');
}

function writeNode(text: string, node: JsonNode, indent: string, current: string, parts: string[]): void {
  if (node.kind === 'scalar') {
    parts.push(text.slice(node.start, node.end));
    return;
  }

  const [open, close] = node.kind === 'object' ? ['{', '}'] : ['[', ']'];
  const entries =
    node.kind === 'object'
      ? node.members.map((member) => ({ key: text.slice(member.keySpan.start, member.keySpan.end), value: member.value }))
      : node.items.map((item) => ({ key: null, value: item }));

  if (entries.length === 0) {
    parts.push(open, close);
    return;
  }

  const inner = current + indent;
  parts.push(open);

  for (const [index, entry] of entries.entries()) {
    parts.push(index === 0 ? '\n' : ',\n', inner);

    if (entry.key !== null) {
      parts.push(entry.key, ': ');
    }

    writeNode(text, entry.value, indent, inner, parts);
  }

  parts.push('\n', current, close);
}
