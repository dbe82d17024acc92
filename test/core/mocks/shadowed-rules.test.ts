import { describe, expect, it } from 'vitest';
import type { MockRule } from '../../../src-main/contract/mocks';
import { coversMatch, findShadowingRules } from '../../../src-main/core/mocks/definitions/shadowed-rules';

function rule(name: string, match: MockRule['match'], mode: MockRule['mode'] = 'always'): MockRule {
  return { name, match, mode, result: name };
}

describe('findShadowingRules', () => {
  it('flags a rule a broader earlier rule covers', () => {
    const rules = [rule('inbound', { type: 'assistant-request' }, 'fallback'), rule('with overrides', { type: 'assistant-request', assistant: 'a1' })];

    expect(findShadowingRules(rules)).toEqual([null, 1]);
  });

  it('leaves a broader later rule alone', () => {
    const rules = [rule('one assistant', { type: 'assistant-request', assistant: 'a1' }), rule('any assistant', { type: 'assistant-request' })];

    expect(findShadowingRules(rules)).toEqual([null, null]);
  });

  it('ignores switched-off earlier rules', () => {
    const rules = [rule('off', { type: 'assistant-request' }, 'off'), rule('on', { type: 'assistant-request' })];

    expect(findShadowingRules(rules)).toEqual([null, null]);
  });

  it('names the first covering rule', () => {
    const rules = [rule('a', { type: 'status-update' }), rule('b', { type: 'status-update' }), rule('c', { type: 'status-update', path: '/x' })];

    expect(findShadowingRules(rules)).toEqual([null, 1, 1]);
  });

  it('matches tools per call', () => {
    const rules = [
      rule('availability', { type: 'tool-calls', tool: 'check_availability' }),
      rule('every tool', { type: 'tool-calls' }),
      rule('availability again', { type: 'tool-calls', tool: 'check_availability' }),
      rule('booking', { type: 'tool-calls', tool: 'book' }),
    ];

    expect(findShadowingRules(rules)).toEqual([null, null, 1, 2]);
  });

  it('ignores other event types', () => {
    const rules = [rule('tools', { type: 'tool-calls' }), rule('assistant', { type: 'assistant-request' })];

    expect(findShadowingRules(rules)).toEqual([null, null]);
  });
});

describe('coversMatch', () => {
  it('needs each earlier condition in the later rule', () => {
    const when = { pointer: '/message/call/id', equals: 'c1' };

    expect(coversMatch({ type: 'end-of-call-report', when }, { type: 'end-of-call-report', when: [{ pointer: '/x', exists: true }, when] })).toBe(true);
    expect(coversMatch({ type: 'end-of-call-report', when }, { type: 'end-of-call-report' })).toBe(false);
    expect(coversMatch({ type: 'end-of-call-report', when }, { type: 'end-of-call-report', when: { pointer: '/message/call/id', equals: 'c2' } })).toBe(false);
    expect(coversMatch({ type: 'end-of-call-report', when }, { type: 'end-of-call-report', when: { pointer: '/message/call/id', contains: 'c1' } })).toBe(false);
  });

  it('needs equal numbers and assistants', () => {
    expect(coversMatch({ type: 'assistant-request', phoneNumber: '+1' }, { type: 'assistant-request', phoneNumber: '+1', assistant: 'a' })).toBe(true);
    expect(coversMatch({ type: 'assistant-request', phoneNumber: '+1' }, { type: 'assistant-request', phoneNumber: '+2' })).toBe(false);
    expect(coversMatch({ type: 'assistant-request', customerNumber: '+1' }, { type: 'assistant-request' })).toBe(false);
  });
});
