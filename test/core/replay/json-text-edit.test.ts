import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../../../src-main/core/errors';
import { parsePointerAssignment } from '../../../src-main/core/replay/json-pointer';
import { applyPointerEditToText } from '../../../src-main/core/replay/json-text-edit';

const compact = '{"message":{"big":12345678901234567891,"price":1.10,"kilo":1e3,"zero":0.0,"neg":-0.0,"name":"caf\\u00e9","analysis":{"summary":"old"},"list":[[1,2],[3]]}}';

const pretty = `{
  "message": {
    "big": 12345678901234567891,
    "analysis": {
      "summary": "old",
      "score": 1.10
    },
    "list": [1e3]
  }
}
`;

function edit(text: string, pointer: string, value: unknown): string {
  return applyPointerEditToText(text, { pointer, value });
}

describe('applyPointerEditToText', () => {
  it('changes only the edited value', () => {
    const edited = edit(compact, '/message/analysis/summary', 'x');

    expect(edited).toBe(compact.replace('"summary":"old"', '"summary":"x"'));
  });

  it('keeps whitespace outside the edit byte for byte', () => {
    const edited = edit(pretty, '/message/analysis/summary', 'new "quoted" é');

    expect(edited).toBe(pretty.replace('"old"', '"new \\"quoted\\" é"'));
  });

  it('replaces numbers, unicode escapes and nested items', () => {
    expect(edit(compact, '/message/big', 1)).toBe(compact.replace('12345678901234567891', '1'));
    expect(edit(compact, '/message/name', 'tea')).toBe(compact.replace('"caf\\u00e9"', '"tea"'));
    expect(edit(compact, '/message/list/0/1', 9)).toBe(compact.replace('[[1,2],[3]]', '[[1,9],[3]]'));
    expect(edit(compact, '/message/list/1', { a: null })).toBe(compact.replace('[[1,2],[3]]', '[[1,2],{"a":null}]'));
  });

  it('unescapes ~0 and ~1 in keys', () => {
    const text = '{"a/b":1,"c~d":2,"e~1f":3}';

    expect(edit(text, '/a~1b', 10)).toBe('{"a/b":10,"c~d":2,"e~1f":3}');
    expect(edit(text, '/c~0d', 20)).toBe('{"a/b":1,"c~d":20,"e~1f":3}');
    expect(edit(text, '/e~01f', 30)).toBe('{"a/b":1,"c~d":2,"e~1f":30}');
  });

  it('matches keys written with escapes', () => {
    expect(edit('{"caf\\u00e9": 1, "x": 2.50}', '/café', 2)).toBe('{"caf\\u00e9": 2, "x": 2.50}');
  });

  it('edits the last of duplicate keys', () => {
    expect(edit('{"a":1,"a":2}', '/a', 3)).toBe('{"a":1,"a":3}');
  });

  it('adds a missing key in compact style', () => {
    expect(edit(compact, '/message/analysis/successEvaluation', true)).toBe(compact.replace('"summary":"old"}', '"summary":"old","successEvaluation":true}'));
  });

  it('adds a missing key in pretty style', () => {
    const edited = edit(pretty, '/message/analysis/tags', ['a', 'b']);

    expect(edited).toBe(pretty.replace('"score": 1.10\n', '"score": 1.10,\n      "tags": [\n        "a",\n        "b"\n      ]\n'));
    expect(JSON.parse(edited)).toMatchObject({ message: { analysis: { tags: ['a', 'b'] } } });
  });

  it('adds a key to a one-member object', () => {
    expect(edit('{ "a": 1.0 }', '/b', 2)).toBe('{ "a": 1.0, "b": 2 }');
    expect(edit('{\n  "a": 1.0\n}\n', '/b', 2)).toBe('{\n  "a": 1.0,\n  "b": 2\n}\n');
  });

  it('adds a key to an empty object', () => {
    expect(edit('{"a": 1.0, "b": {}}', '/b/c', 'x')).toBe('{"a": 1.0, "b": {"c": "x"}}');
    expect(edit('{}', '/c', 1)).toBe('{"c":1}');
  });

  it('appends to arrays with - and the next index', () => {
    expect(edit(compact, '/message/list/-', 1.5)).toBe(compact.replace('[[1,2],[3]]', '[[1,2],[3],1.5]'));
    expect(edit(compact, '/message/list/1/1', 4)).toBe(compact.replace('[3]]', '[3,4]]'));
    expect(edit('{"l": []}', '/l/0', 1)).toBe('{"l": [1]}');
    expect(edit(pretty, '/message/list/-', 2)).toBe(pretty.replace('[1e3]', '[1e3,2]'));
  });

  it('replaces the whole document for the empty pointer', () => {
    expect(edit(' {"a":1} \n', '', [1])).toBe(' [1] \n');
  });

  it('keeps __proto__ an ordinary key', () => {
    expect(edit('{}', '/__proto__', { polluted: true })).toBe('{"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects an index past the end', () => {
    expect(() => edit(compact, '/message/list/5', 0)).toThrow(/not an index of an array of 2 items/);
    expect(() => edit(compact, '/message/list/01', 0)).toThrow(/not an index/);
  });

  it('rejects a path through a missing key or a scalar', () => {
    const missing = (): unknown => edit(compact, '/message/artifact/summary', 'x');

    expect(missing).toThrow(SwitchboardError);
    expect(missing).toThrow(/\/message\/artifact is not an object or array/);
    expect(() => edit(compact, '/message/big/x', 1)).toThrow(/\/message\/big is not an object or array/);
    expect(() => edit(compact, '/message/list/7/0', 1)).toThrow(/\/message\/list\/7 is not an object or array/);
  });

  it('rejects a key on a scalar body', () => {
    expect(() => edit('42', '/a', 1)).toThrow(/the body is not an object or array/);
  });

  it('rejects an edit without a value', () => {
    expect(() => edit('{}', '/a', undefined)).toThrow(/has no value/);
  });

  it('rejects a pointer without a leading slash', () => {
    expect(() => edit(compact, 'message', 1)).toThrow(/must start with "\/"/);
  });
});

describe('pointer edits with valueJson', () => {
  it('keeps typed literals from the command line', () => {
    expect(parsePointerAssignment('/a=12345678901234567891')).toEqual({ pointer: '/a', value: 12345678901234567891, valueJson: '12345678901234567891' });
    expect(parsePointerAssignment('/a= 2.50')).toEqual({ pointer: '/a', value: 2.5, valueJson: '2.50' });
    expect(parsePointerAssignment('/a={"b": 1e3}')).toEqual({ pointer: '/a', value: { b: 1000 }, valueJson: '{"b": 1e3}' });
  });

  it('omits valueJson when it would not differ', () => {
    expect(parsePointerAssignment('/a=42')).toEqual({ pointer: '/a', value: 42 });
    expect(parsePointerAssignment('/a="x"')).toEqual({ pointer: '/a', value: 'x' });
  });

  it('splices valueJson exactly', () => {
    const text = '{"a": 1, "b": [0.0]}';

    expect(applyPointerEditToText(text, { pointer: '/a', value: 2.5, valueJson: '2.50' })).toBe('{"a": 2.50, "b": [0.0]}');
    expect(applyPointerEditToText(text, { pointer: '/c', value: 1e20, valueJson: '1E20' })).toBe('{"a": 1, "b": [0.0], "c": 1E20}');
    expect(applyPointerEditToText(text, { pointer: '/b/-', value: 1, valueJson: '1.0' })).toBe('{"a": 1, "b": [0.0,1.0]}');
  });

  it('rejects invalid valueJson', () => {
    expect(() => applyPointerEditToText('{}', { pointer: '/a', value: 1, valueJson: '1,' })).toThrow(/the value 1, is not valid JSON/);
  });
});
