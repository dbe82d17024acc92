import { describe, expect, it } from 'vitest';
import { scanJson, JsonScanError } from '../../../src-main/core/json/json-scanner';
import { prettyJsonText } from '../../../src-main/core/json/pretty-json';

describe('prettyJsonText', () => {
  it('keeps number literals exactly', () => {
    const text = '{"big":12345678901234567891,"price":1.10,"kilo":1e3,"zero":0.0,"negative":-0.0,"exp":2.5E-7}';

    expect(prettyJsonText(text)).toBe(
      [
        '{',
        '  "big": 12345678901234567891,',
        '  "price": 1.10,',
        '  "kilo": 1e3,',
        '  "zero": 0.0,',
        '  "negative": -0.0,',
        '  "exp": 2.5E-7',
        '}',
      ].join('\n'),
    );
  });

  it('keeps escapes and key order', () => {
    const text = '{"z":"caf\\u00e9 \\"q\\" \\/ \\n","a":"\\ud83d\\ude00","m~/k":null}';

    expect(prettyJsonText(text)).toBe('{\n  "z": "caf\\u00e9 \\"q\\" \\/ \\n",\n  "a": "\\ud83d\\ude00",\n  "m~/k": null\n}');
  });

  it('indents nested arrays and empty containers', () => {
    const text = ' {"list":[[1,2],[],{}],"flag":true} \n';

    expect(prettyJsonText(text)).toBe('{\n  "list": [\n    [\n      1,\n      2\n    ],\n    [],\n    {}\n  ],\n  "flag": true\n}');
  });

  it('matches JSON.stringify for plain bodies', () => {
    const value = { message: { type: 'tool-calls', call: { id: 'c1' }, list: [1, 'two', false, null, { x: [] }] } };

    expect(prettyJsonText(JSON.stringify(value))).toBe(JSON.stringify(value, null, 2));
  });

  it('re-indents pretty text to the same layout', () => {
    const text = '{\n    "a" : [ 1 ,\n 2 ],\n\t"b":{ }\n}';

    expect(prettyJsonText(text)).toBe('{\n  "a": [\n    1,\n    2\n  ],\n  "b": {}\n}');
  });

  it('formats a scalar document', () => {
    expect(prettyJsonText(' 1.50 ')).toBe('1.50');
    expect(prettyJsonText('"x"')).toBe('"x"');
  });

  it('returns null for invalid JSON', () => {
    for (const text of ['', '{', '{"a":1,}', '[1 2]', '{"a" 1}', "{'a':1}", '01', '1.', '.5', '+1', 'nul', '"tab\there"', '"\\x"', '"\\u12"', '{"a":1}x', 'NaN']) {
      expect(prettyJsonText(text), text).toBeNull();
    }
  });
});

describe('scanJson', () => {
  it('records value spans', () => {
    const text = '{"a": [10, "x"], "b~1": -0.0}';
    const root = scanJson(text);

    expect(root.kind).toBe('object');
    if (root.kind !== 'object') return;
    expect(root.members.map((member) => member.key)).toEqual(['a', 'b~1']);
    expect(text.slice(root.members[1]?.value.start, root.members[1]?.value.end)).toBe('-0.0');
    expect(text.slice(root.members[0]?.keySpan.start, root.members[0]?.keySpan.end)).toBe('"a"');
  });

  it('decodes escaped keys', () => {
    const root = scanJson('{"\\u00e9\\/":1}');

    expect(root.kind).toBe('object');
    expect(root.kind === 'object' ? root.members[0]?.key : null).toBe('é/');
  });

  it('reports the offset of an error', () => {
    expect(() => scanJson('{"a":1,}')).toThrow(JsonScanError);
    expect(() => scanJson('{"a":1,}')).toThrow(/position 7/);
  });
});
