import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockRule } from '../../src-main/contract/mocks';
import { recordExchanges } from './retention/record-exchanges';
import { MockRuleStore } from '../../src-main/recorder/mock-rule-store';
import { openDatabase } from '../../src-main/recorder/open-database';
import { tempFolder } from '../support/temp-db';

function rule(name: string, mode: MockRule['mode'] = 'always'): MockRule {
  return { name, match: { type: 'tool-calls', tool: name }, mode, result: name };
}

describe('MockRuleStore', () => {
  let temp: ReturnType<typeof tempFolder>;
  let db: Database;
  let store: MockRuleStore;

  beforeEach(() => {
    temp = tempFolder();
    db = openDatabase(temp.dbPath);
    store = new MockRuleStore(db);
  });

  afterEach(() => {
    db.close();
    temp.remove();
  });

  const names = (): string[] => store.list().map((record) => record.rule.name);

  it('creates rules in order', () => {
    store.create(rule('a'));
    store.create(rule('b'));
    store.create(rule('c'), 0);

    expect(names()).toEqual(['c', 'a', 'b']);
    expect(store.list().map((record) => record.position)).toEqual([0, 1, 2]);
    expect(store.list()[1]?.description).toBe('tool-calls for tool "a"');
  });

  it('rejects a duplicate name', () => {
    store.create(rule('z'));
    store.create(rule('a'));

    expect(() => store.create(rule('a'))).toThrow(/named "a" exists already at position 2 in the list/);
  });

  it('moves a rule', () => {
    const a = store.create(rule('a'));
    store.create(rule('b'));
    store.create(rule('c'));

    store.move(a.id, 2);

    expect(names()).toEqual(['b', 'c', 'a']);
  });

  it('switches off and back to the previous mode', () => {
    const record = store.create(rule('a', 'fallback'));

    expect(store.setEnabled(record.id, false).rule.mode).toBe('off');
    expect(store.setEnabled(record.id, true).rule.mode).toBe('fallback');
  });

  it('removes and renumbers', () => {
    store.create(rule('a'));
    const b = store.create(rule('b'));
    store.create(rule('c'));

    store.remove(b.id);

    expect(names()).toEqual(['a', 'c']);
    expect(store.list().map((record) => record.position)).toEqual([0, 1]);
  });

  it('reports a missing id', () => {
    expect(() => store.get(99)).toThrow(/No mock rule has id 99/);
  });

  it('imports by name', () => {
    store.create(rule('a'));
    store.create(rule('keep'));

    const summary = store.importRules([{ ...rule('a'), result: 'new' }, rule('b')], { replace: false });

    expect(summary).toEqual({ added: 1, updated: 1, removed: 0 });
    expect(names()).toEqual(['a', 'keep', 'b']);
    expect(store.list()[0]?.rule.result).toBe('new');
  });

  it('import with replace keeps file order', () => {
    store.create(rule('old'));
    store.create(rule('b'));

    const summary = store.importRules([rule('a'), rule('b'), rule('c')], { replace: true });

    expect(summary).toEqual({ added: 2, updated: 1, removed: 1 });
    expect(names()).toEqual(['a', 'b', 'c']);
  });

  it('version changes with each write', () => {
    const before = store.version();
    store.create(rule('a'));

    expect(store.version()).not.toBe(before);
  });

  it('version stays while exchanges are recorded', () => {
    const other = openDatabase(temp.dbPath);
    const before = store.version();

    recordExchanges(other, [{ callId: 'a', receivedAt: Date.now() }]);
    other.close();

    expect(store.version()).toBe(before);
  });

  it('sees writes from another connection', () => {
    const other = openDatabase(temp.dbPath);
    const before = store.version();

    new MockRuleStore(other).create(rule('elsewhere'));
    other.close();

    expect(store.version()).not.toBe(before);
    expect(names()).toEqual(['elsewhere']);
  });
});
