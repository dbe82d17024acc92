import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterFromParams, filterToParams, isEmptyFilter, matchesFilter } from '../../../src-renderer/src/state/filters';
import { locationSearch, readLocation } from '../../../src-renderer/src/state/url-state';
import { summary } from '../../support/exchange-summary';

describe('exchange filter', () => {
  it('round-trips through URL parameters', () => {
    const filter = { type: 'tool-calls', callId: 'abc', outcome: 'target_timeout' as const, status: 504, text: 'table for four', warnings: true };

    expect(filterFromParams(filterToParams(filter))).toEqual(filter);
  });

  it('writes nothing for the empty filter', () => {
    expect(filterToParams(EMPTY_FILTER).toString()).toBe('');
    expect(isEmptyFilter(EMPTY_FILTER)).toBe(true);
  });

  it('ignores invalid URL values', () => {
    const filter = filterFromParams(new URLSearchParams('outcome=exploded&status=abc&warnings=yes'));

    expect(filter).toEqual(EMPTY_FILTER);
  });

  it('matches fields locally', () => {
    const filter = { ...EMPTY_FILTER, type: 'tool-calls', warnings: true };

    expect(matchesFilter(filter, summary(1, { type: 'tool-calls', checks: [{ code: 'x', message: 'y' }] }))).toBe(true);
    expect(matchesFilter(filter, summary(2, { type: 'tool-calls' }))).toBe(false);
    expect(matchesFilter(filter, summary(3, { type: 'transcript' }))).toBe(false);
  });

  it('leaves text matching to the database', () => {
    expect(matchesFilter({ ...EMPTY_FILTER, text: 'hello' }, summary(1))).toBe('unknown');
    expect(matchesFilter({ ...EMPTY_FILTER, text: 'hello', type: 'hang' }, summary(1))).toBe(false);
  });
});

describe('location state', () => {
  it('keeps the token and writes the view', () => {
    const search = locationSearch({ view: 'calls', filter: { ...EMPTY_FILTER, callId: 'c1' }, selectedId: 7 }, '?token=secret&type=old');

    expect(search).toBe('?token=secret&view=calls&call=c1&id=7');
  });

  it('reads what it wrote', () => {
    const state = readLocation('?token=t&view=settings&q=hi&id=3');

    expect(state.view).toBe('settings');
    expect(state.filter.text).toBe('hi');
    expect(state.selectedId).toBe(3);
  });

  it('falls back on unknown views', () => {
    expect(readLocation('?view=nope&id=-2').view).toBe('exchanges');
    expect(readLocation('?view=nope&id=-2').selectedId).toBeNull();
  });
});
