import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ExchangeDetail } from '../../../src-main/contract/exchange';
import { compareExchanges, diffBodies } from '../../../src-main/core/replay/compare';
import { diffJson } from '../../../src-main/core/replay/json-diff';
import { detail } from '../../support/exchange-summary';

function exchange(id: number, fields: Partial<ExchangeDetail>): ExchangeDetail {
  return detail(id, { type: 'end-of-call-report', durationMs: 10, ...fields });
}

describe('diffJson', () => {
  it('finds changed, added and removed keys', () => {
    const changes = diffJson({ a: 1, b: { c: 'x', d: true }, gone: 1 }, { a: 2, b: { c: 'x', e: null }, fresh: [] });

    expect(changes).toEqual([
      { kind: 'changed', pointer: '/a', before: 1, after: 2 },
      { kind: 'removed', pointer: '/b/d', before: true },
      { kind: 'added', pointer: '/b/e', after: null },
      { kind: 'removed', pointer: '/gone', before: 1 },
      { kind: 'added', pointer: '/fresh', after: [] },
    ]);
  });

  it('compares arrays by index', () => {
    expect(diffJson([1, 2, 3], [1, 5])).toEqual([
      { kind: 'changed', pointer: '/1', before: 2, after: 5 },
      { kind: 'removed', pointer: '/2', before: 3 },
    ]);
    expect(diffJson([], [{ id: 1 }])).toEqual([{ kind: 'added', pointer: '/0', after: { id: 1 } }]);
  });

  it('reports a type change as one change', () => {
    expect(diffJson({ a: { b: 1 } }, { a: [1] })).toEqual([{ kind: 'changed', pointer: '/a', before: { b: 1 }, after: [1] }]);
    expect(diffJson('1', 1)).toEqual([{ kind: 'changed', pointer: '', before: '1', after: 1 }]);
  });

  it('escapes keys in pointers', () => {
    expect(diffJson({ 'a/b': 1, 'c~d': 1 }, { 'a/b': 2, 'c~d': 2 }).map((change) => change.pointer)).toEqual(['/a~1b', '/c~0d']);
  });

  it('returns nothing for equal documents', () => {
    expect(diffJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
  });
});

describe('diffBodies', () => {
  it('falls back to text when either side is not JSON', () => {
    expect(diffBodies('ok', 'not ok', false)).toEqual({ kind: 'text', equal: false, leftText: 'ok', rightText: 'not ok' });
    expect(diffBodies('{"a":1}', 'plain', false).kind).toBe('text');
  });

  it('treats equal bytes as equal text', () => {
    expect(diffBodies(null, null, true).equal).toBe(true);
  });
});

describe('compareExchanges', () => {
  it('compares a replay with its original', () => {
    const original = exchange(1, { responseBody: Buffer.from('{"ok":true,"n":1}'), durationMs: 40 });
    const replay = exchange(2, {
      replayOf: 1,
      source: 'replay',
      edited: true,
      status: 500,
      durationMs: 15,
      outcome: 'target_error',
      responseBody: Buffer.from('{"ok":false,"error":"boom"}'),
    });

    const comparison = compareExchanges(original, replay);

    expect(comparison.statusChanged).toBe(true);
    expect(comparison.durationDeltaMs).toBe(-25);
    expect(comparison.left).toMatchObject({ id: 1, status: 200, responseText: '{"ok":true,"n":1}' });
    expect(comparison.right).toMatchObject({ id: 2, status: 500, replayOf: 1, edited: true, outcome: 'target_error' });
    expect(comparison.response).toEqual({
      kind: 'json',
      equal: false,
      changes: [
        { kind: 'changed', pointer: '/ok', before: true, after: false },
        { kind: 'removed', pointer: '/n', before: 1 },
        { kind: 'added', pointer: '/error', after: 'boom' },
      ],
    });
    expect(comparison.request).toEqual({ kind: 'json', equal: true, changes: [] });
  });

  it('diffs gzip replies after decoding them', () => {
    const gzipped = exchange(1, { responseHeaders: [['Content-Encoding', 'gzip']], responseBody: gzipSync('{"a":1}') });
    const plain = exchange(2, { responseBody: Buffer.from('{"a":2}') });

    expect(compareExchanges(gzipped, plain).response).toEqual({
      kind: 'json',
      equal: false,
      changes: [{ kind: 'changed', pointer: '/a', before: 1, after: 2 }],
    });
  });

  it('rejects exchanges of different types', () => {
    const report = exchange(1, {});
    const toolCalls = exchange(2, { type: 'tool-calls' });

    expect(() => compareExchanges(report, toolCalls)).toThrow(/Exchange 1 is of type end-of-call-report but exchange 2 is of type tool-calls/);
  });

  it('accepts a replay whose type was edited', () => {
    const original = exchange(1, {});
    const replay = exchange(2, { type: 'tool-calls', replayOf: 1 });

    expect(compareExchanges(original, replay).left.id).toBe(1);
  });

  it('reports a missing duration as no delta', () => {
    expect(compareExchanges(exchange(1, { durationMs: null }), exchange(2, {})).durationDeltaMs).toBeNull();
  });
});
