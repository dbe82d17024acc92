/** Bytes per hex dump line. */
const WIDTH = 16;

/**
 * Formats bytes as a classic hex dump: offset, sixteen hex bytes, then the printable ASCII
 * characters, with `.` for the rest. Stops after `maxBytes` and ends with a line that counts the bytes left out.
 */
export function hexDump(bytes: Uint8Array, maxBytes = bytes.length): string {
  const shown = Math.min(bytes.length, maxBytes);
  const lines: string[] = [];

  for (let offset = 0; offset < shown; offset += WIDTH) {
    const slice = bytes.subarray(offset, Math.min(offset + WIDTH, shown));
    const hex = Array.from(slice, (byte) => byte.toString(16).padStart(2, '0'));
    const left = hex.slice(0, 8).join(' ');
    const right = hex.slice(8).join(' ');
    const ascii = Array.from(slice, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${ascii}|`);
  }

  if (shown < bytes.length) {
    lines.push(`… ${bytes.length - shown} more bytes not shown`);
  }

  return lines.join('\n');
}

/** Decodes base64 into bytes. */
export function bytesFromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
