import { describe, expect, it } from 'vitest';
import { leadingEventType } from '../../src-main/core/leading-event-type';
import { parseVapiMessage, vapiFieldsOf } from '../../src-main/core/vapi-event';
import { requestSampleNames, sampleBytes } from '../support/samples';

function typeOf(text: string): string | undefined {
  return leadingEventType(Buffer.from(text));
}

describe('leading event type', () => {
  it('agrees with a full parse on every sample', () => {
    const events = requestSampleNames();

    for (const name of events) {
      const body = sampleBytes(name);
      expect(leadingEventType(body), name).toBe(vapiFieldsOf(parseVapiMessage(body)).type ?? undefined);
    }
  });

  it('skips members before message and type', () => {
    const body = '{"timestamp": 1, "tags": ["a", {"b": "}"}], "message": {"call": {"type": "inner", "note": "say \\"hi\\""}, "type": "tool-calls"}}';

    expect(typeOf(body)).toBe('tool-calls');
  });

  it('normalises a final-only transcript', () => {
    expect(typeOf('{"message":{"type":"transcript[transcriptType=\\"final\\"]"}}')).toBe('transcript');
  });

  it('reads an escaped type value', () => {
    expect(typeOf('{"message":{"type":"status\\u002dupdate"}}')).toBe('status-update');
  });

  it.each([
    ['empty body', ''],
    ['not JSON', 'type=tool-calls'],
    ['an array', '[{"message":{"type":"x"}}]'],
    ['no message', '{"type":"tool-calls"}'],
    ['message not an object', '{"message":"tool-calls"}'],
    ['type not a string', '{"message":{"type":7}}'],
    ['empty type', '{"message":{"type":""}}'],
    ['escaped key', '{"\\u006dessage":{"type":"tool-calls"}}'],
    ['unclosed string', '{"message":{"call":"open'],
    ['malformed member', '{"message" {"type":"x"}}'],
  ])('leaves %s to a full parse', (_case, text) => {
    expect(typeOf(text)).toBeUndefined();
  });

  it('stops after 64 KiB', () => {
    const padding = 'x'.repeat(70 * 1024);

    expect(typeOf(`{"message":{"padding":"${padding}","type":"end-of-call-report"}}`)).toBeUndefined();
    expect(typeOf(`{"message":{"type":"end-of-call-report","padding":"${padding}"}}`)).toBe('end-of-call-report');
  });
});
