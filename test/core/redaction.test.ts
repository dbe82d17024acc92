import { describe, expect, it } from 'vitest';
import { redactHeaders, redactJsonText } from '../../src-main/core/redaction';
import { sampleBytes } from '../support/samples';

describe('redactHeaders', () => {
  it('masks credentials and keeps the rest', () => {
    const redacted = redactHeaders([
      ['X-Vapi-Secret', 'TopSecret123'],
      ['authorization', 'Bearer tok'],
      ['Content-Type', 'application/json'],
      ['X-Vapi-Secret', 'second'],
    ]);

    expect(redacted).toEqual([
      ['X-Vapi-Secret', '[redacted, 12 characters]'],
      ['authorization', '[redacted, 10 characters]'],
      ['Content-Type', 'application/json'],
      ['X-Vapi-Secret', '[redacted, 6 characters]'],
    ]);
  });
});

describe('redactJsonText', () => {
  it('masks provider tokens in a Vapi payload', () => {
    const text = sampleBytes('assistant-request.json').toString('utf8');

    const redacted = redactJsonText(text);

    expect(text).toContain('synthetic-do-not-log-0000');
    expect(redacted).not.toContain('synthetic-do-not-log-0000');
    expect(redacted).toContain('"twilioAuthToken": "[redacted]"');
    expect(redacted.replace('"[redacted]"', '"synthetic-do-not-log-0000"')).toBe(text);
  });

  it('handles escapes and leaves other keys alone', () => {
    const text = '{"server":{"secret":"a\\"b\\\\","url":"x"},"secretive":"keep","n":12345678901234567891}';

    expect(redactJsonText(text)).toBe('{"server":{"secret":"[redacted]","url":"x"},"secretive":"keep","n":12345678901234567891}');
  });
});
