import { describe, expect, it } from 'vitest';
import { deadlineFor, eventColor } from '../../../src-renderer/src/format/event-colors';
import { formatBytes, formatCost, formatCountOf, formatDuration, formatOffset, formatSeconds, shortId } from '../../../src-renderer/src/format/format';
import { outcomeLook, statusText } from '../../../src-renderer/src/format/outcome';
import { summary } from '../../support/exchange-summary';

describe('formatting', () => {
  it('formats durations by size', () => {
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(3.14)).toBe('3.1 ms');
    expect(formatDuration(312.4)).toBe('312 ms');
    expect(formatDuration(7_512)).toBe('7.51 s');
    expect(formatDuration(134_000)).toBe('2m 14s');
  });

  it('formats seconds and offsets', () => {
    expect(formatSeconds(45)).toBe('45s');
    expect(formatSeconds(3_725)).toBe('1h 02m');
    expect(formatOffset(12_400)).toBe('+12.4s');
    expect(formatOffset(134_000)).toBe('+2m 14s');
  });

  it('formats sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(18 * 1024 ** 2)).toBe('18.0 MB');
  });

  it('formats costs', () => {
    expect(formatCost(0.1077)).toBe('$0.1077');
    expect(formatCost(0.12)).toBe('$0.12');
    expect(formatCost(2.5)).toBe('$2.50');
    expect(formatCost(null)).toBe('–');
  });

  it('shortens ids to 8 characters', () => {
    expect(shortId('7d2e4f1a-93b6-4c85')).toBe('7d2e4f1a…');
    expect(shortId('short')).toBe('short');
  });

  it('counts nouns in singular and plural', () => {
    expect(formatCountOf(1, 'event')).toBe('1 event');
    expect(formatCountOf(0, 'event')).toBe('0 events');
    expect(formatCountOf(1_204, 'exchange')).toBe('1,204 exchanges');
    expect(formatCountOf(2, 'entry', 'entries')).toBe('2 entries');
  });
});

describe('event look', () => {
  it('gives steering events strong colours', () => {
    expect(eventColor('tool-calls').steering).toBe(true);
    expect(eventColor('transcript').steering).toBe(false);
  });

  it('keeps unknown type colours stable', () => {
    expect(eventColor('chat.created').hue).toBe(eventColor('chat.created').hue);
  });

  it('uses Vapi deadlines', () => {
    expect(deadlineFor('assistant-request')).toBe(7_500);
    expect(deadlineFor('tool-calls')).toBe(20_000);
  });

  it('pairs every outcome with a word', () => {
    expect(outcomeLook('mocked').symbol).toBe('M');
    expect(outcomeLook('target_timeout').label).toBe('timeout');
    expect(statusText(summary(1, { status: null, outcome: 'pending' }))).toBe('pending');
    expect(statusText(summary(1, { status: 504 }))).toBe('504');
  });
});
