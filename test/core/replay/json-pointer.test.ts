import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../../../src-main/core/errors';
import { applyPointerEdit, parsePointerAssignment, pointerKeys } from '../../../src-main/core/replay/json-pointer';

describe('pointerKeys', () => {
  it('splits and unescapes keys', () => {
    expect(pointerKeys('/message/a~1b/c~0d')).toEqual(['message', 'a/b', 'c~d']);
  });

  it('reads the empty pointer as the whole document', () => {
    expect(pointerKeys('')).toEqual([]);
  });

  it('rejects a pointer without a leading slash', () => {
    expect(() => pointerKeys('message/type')).toThrow(/must start with "\/"/);
  });
});

describe('applyPointerEdit', () => {
  const document = { message: { analysis: { summary: 'old' }, list: [1, 2] } };

  it('replaces a nested value without touching the input', () => {
    const edited = applyPointerEdit(document, { pointer: '/message/analysis/summary', value: 'new' });

    expect(edited).toEqual({ message: { analysis: { summary: 'new' }, list: [1, 2] } });
    expect(document.message.analysis.summary).toBe('old');
  });

  it('adds a missing last key', () => {
    const edited = applyPointerEdit(document, { pointer: '/message/analysis/successEvaluation', value: true }) as typeof document;

    expect(edited.message.analysis).toEqual({ summary: 'old', successEvaluation: true });
  });

  it('sets and appends array items', () => {
    expect(applyPointerEdit(document, { pointer: '/message/list/0', value: 9 })).toMatchObject({ message: { list: [9, 2] } });
    expect(applyPointerEdit(document, { pointer: '/message/list/-', value: 3 })).toMatchObject({ message: { list: [1, 2, 3] } });
    expect(applyPointerEdit(document, { pointer: '/message/list/2', value: 3 })).toMatchObject({ message: { list: [1, 2, 3] } });
  });

  it('rejects an index past the end', () => {
    expect(() => applyPointerEdit(document, { pointer: '/message/list/5', value: 0 })).toThrow(/not an index of an array of 2 items/);
  });

  it('rejects a path through a missing key', () => {
    const attempt = (): unknown => applyPointerEdit(document, { pointer: '/message/artifact/summary', value: 'x' });

    expect(attempt).toThrow(SwitchboardError);
    expect(attempt).toThrow(/\/message\/artifact is not an object or array/);
  });

  it('replaces the whole document for the empty pointer', () => {
    expect(applyPointerEdit(document, { pointer: '', value: [1] })).toEqual([1]);
  });

  it('keeps __proto__ an own key', () => {
    const edited = applyPointerEdit({}, { pointer: '/__proto__', value: { polluted: true } });

    expect(JSON.stringify(edited)).toBe('{"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never follows __proto__ into a prototype', () => {
    expect(() => applyPointerEdit({}, { pointer: '/__proto__/polluted', value: true })).toThrow(SwitchboardError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parsePointerAssignment', () => {
  it('parses JSON values', () => {
    expect(parsePointerAssignment('/a=42')).toEqual({ pointer: '/a', value: 42 });
    expect(parsePointerAssignment('/a={"b":[true,null]}')).toEqual({ pointer: '/a', value: { b: [true, null] } });
    expect(parsePointerAssignment('/a="quoted text"')).toEqual({ pointer: '/a', value: 'quoted text' });
  });

  it('keeps other values as strings', () => {
    expect(parsePointerAssignment('/message/analysis/summary=The caller = happy')).toEqual({
      pointer: '/message/analysis/summary',
      value: 'The caller = happy',
    });
    expect(parsePointerAssignment('/a=')).toEqual({ pointer: '/a', value: '' });
  });

  it('rejects text without "="', () => {
    expect(() => parsePointerAssignment('/message/type')).toThrow(/is not POINTER=VALUE/);
  });

  it('rejects an invalid pointer', () => {
    expect(() => parsePointerAssignment('message=1')).toThrow(/must start with "\/"/);
  });
});
