import { describe, expect, it } from 'vitest';
import { searchableText } from '../../src-main/recorder/searchable-text';

function text(request: string, response: string | null = null): string {
  return searchableText(Buffer.from(request), response === null ? null : Buffer.from(response));
}

describe('searchable text', () => {
  it('keeps keys and strings once, in order', () => {
    const body = JSON.stringify({ message: { type: 'transcript', transcript: 'table for four', artifact: { transcript: 'table for four' } } });

    expect(text(body).split('\n')).toEqual(['message', 'type', 'transcript', 'table for four', 'artifact']);
  });

  it('leaves out numbers and literals', () => {
    expect(text('{"cost":0.42,"ok":true,"none":null}').split('\n')).toEqual(['cost', 'ok', 'none']);
  });

  it('shares one set across request and reply', () => {
    expect(text('{"result":"booked"}', '{"result":"booked","id":"B-1042"}').split('\n')).toEqual(['result', 'booked', 'id', 'B-1042']);
  });

  it('keeps a text body whole', () => {
    expect(text('name=Ada&city=Paris')).toBe('name=Ada&city=Paris');
  });

  it('skips binary bodies', () => {
    expect(searchableText(Buffer.from([0xff, 0xfe, 0x00]), Buffer.from('plain reply'))).toBe('plain reply');
  });

  it('reads the parsed request when given', () => {
    expect(searchableText(Buffer.from('{"ignored":"bytes"}'), null, { message: { note: 'parsed' } }).split('\n')).toEqual(['message', 'note', 'parsed']);
  });

  it('walks nesting deeper than the call stack', () => {
    const depth = 20_000;
    const deep = `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`;

    expect(text(deep)).toBe('bottom');
  });
});
