import { describe, expect, it } from 'vitest';
import type { MockRuleProblem } from '../../../src-main/contract/mocks';
import { SwitchboardError } from '../../../src-main/core/errors';
import { parseRule, parseRuleFile } from '../../../src-main/core/mocks/definitions/parse-rules';

const EXAMPLE_FILE = `{
  "rules": [
    { "name": "availability stub", "match": { "type": "tool-calls", "tool": "check_availability" },
      "mode": "always", "result": "A table for {{arguments.partySize}} is free on {{arguments.date}}." },
    { "name": "inbound assistant", "match": { "type": "assistant-request" },
      "mode": "fallback", "response": { "status": 200, "body": { "assistantId": "asst-demo-001" } } }
  ]
}`;

function problemsOf(text: string): { message: string; problems: MockRuleProblem[] } {
  try {
    parseRuleFile(text, 'rules.json');
  } catch (error) {
    expect(error).toBeInstanceOf(SwitchboardError);
    const failure = error as SwitchboardError;
    expect(failure.code).toBe('invalid_mock_rule');
    return { message: failure.message, problems: (failure.details.problems ?? []) as MockRuleProblem[] };
  }

  throw new Error('expected the file to be rejected');
}

function fileWith(...rules: unknown[]): string {
  return JSON.stringify({ rules });
}

describe('parseRuleFile', () => {
  it('accepts the documented example', () => {
    const rules = parseRuleFile(EXAMPLE_FILE, 'rules.json');

    expect(rules.map((rule) => rule.name)).toEqual(['availability stub', 'inbound assistant']);
    expect(rules[1]?.response?.body).toEqual({ assistantId: 'asst-demo-001' });
  });

  it('rejects invalid JSON with its position', () => {
    expect(() => parseRuleFile('{"rules": [', 'rules.json')).toThrow(/rules.json is not valid JSON/);
  });

  it('rejects a file without rules', () => {
    const { message } = problemsOf('{"rule": []}');

    expect(message).toContain('"rules" array');
    expect(message).toContain('unknown field "rule" (did you mean "rules"?)');
  });

  it('names index, rule and field', () => {
    const { message, problems } = problemsOf(fileWith({ name: 'stub', match: { type: 'tool-calls' }, mode: 'sometimes', result: 'x' }));

    expect(problems).toEqual([{ index: 0, ruleName: 'stub', field: 'mode', message: 'use "always", "fallback" or "off"' }]);
    expect(message).toContain('rule 0 ("stub"), field mode: use "always", "fallback" or "off"');
  });

  it('suggests a misspelt field', () => {
    const { problems } = problemsOf(fileWith({ name: 'stub', match: { type: 'tool-calls', tol: 'x' }, mode: 'always', result: 'x' }));

    expect(problems[0]?.field).toBe('match');
    expect(problems[0]?.message).toContain('"tol" (did you mean "tool"?)');
  });

  it('reports a missing match type', () => {
    const { problems } = problemsOf(fileWith({ name: 'stub', match: {}, mode: 'always', result: 'x' }));

    expect(problems[0]?.field).toBe('match.type');
    expect(problems[0]?.message).toContain('missing');
  });

  it('reports a match type of the wrong kind', () => {
    const { problems } = problemsOf(fileWith({ name: 'stub', match: { type: 5 }, mode: 'always', result: 'x' }));

    expect(problems[0]?.field).toBe('match.type');
    expect(problems[0]?.message).toBe('must be string, not number');
  });

  it('requires an answer', () => {
    const { problems } = problemsOf(fileWith({ name: 'stub', match: { type: 'tool-calls' }, mode: 'always' }));

    expect(problems.map((problem) => problem.field)).toEqual(['result']);
  });

  it('rejects result on other events', () => {
    const { problems } = problemsOf(fileWith({ name: 'a', match: { type: 'assistant-request' }, mode: 'always', result: 'x' }));

    expect(problems[0]?.field).toBe('result');
    expect(problems[0]?.message).toContain('"response": {"body": ...}');
  });

  it('rejects tool on other events', () => {
    const { problems } = problemsOf(fileWith({ name: 'a', match: { type: 'status-update', tool: 'x' }, mode: 'always', response: {} }));

    expect(problems[0]?.field).toBe('match.tool');
  });

  it('rejects result and error together', () => {
    const { problems } = problemsOf(fileWith({ name: 'a', match: { type: 'tool-calls' }, mode: 'always', result: 'x', error: 'y' }));

    expect(problems[0]?.field).toBe('error');
  });

  it('rejects a sequence beside an answer', () => {
    const { problems } = problemsOf(fileWith({ name: 'a', match: { type: 'tool-calls' }, mode: 'always', result: 'x', sequence: [{ result: 'y' }] }));

    expect(problems[0]?.field).toBe('sequence');
  });

  it('rejects mixed sequence answers', () => {
    const { problems } = problemsOf(fileWith({ name: 'a', match: { type: 'tool-calls' }, mode: 'always', sequence: [{ result: 'y' }, { response: { body: {} } }] }));

    expect(problems.map((problem) => problem.field)).toEqual(['sequence']);
  });

  it('rejects a condition without a test', () => {
    const { problems } = problemsOf(fileWith({ name: 'a', match: { type: 'tool-calls', when: { pointer: '/message' } }, mode: 'always', result: 'x' }));

    expect(problems[0]?.field).toBe('match.when');
    expect(problems[0]?.message).toContain('exactly one of "equals", "contains" or "exists"');
  });

  it('rejects a pointer without slash', () => {
    const { problems } = problemsOf(fileWith({ name: 'a', match: { type: 'tool-calls', when: { pointer: 'message', exists: true } }, mode: 'always', result: 'x' }));

    expect(problems[0]?.field).toBe('match.when.pointer');
  });

  it('rejects duplicate names', () => {
    const rule = { name: 'same', match: { type: 'tool-calls' }, mode: 'always', result: 'x' };
    const { problems } = problemsOf(fileWith(rule, rule));

    expect(problems).toEqual([{ index: 1, ruleName: 'same', field: 'name', message: 'rule 0 already has this name; give each rule its own name' }]);
  });

  it('lists problems of every rule', () => {
    const { problems } = problemsOf(fileWith({ name: 'a', match: { type: 'tool-calls' }, mode: 'always' }, { name: '', match: { type: 'x' }, mode: 'off', response: {} }));

    expect(problems.map((problem) => `${problem.index}:${problem.field}`)).toEqual(['0:result', '1:name']);
  });
});

describe('parseRule', () => {
  it('rejects a bad status', () => {
    expect(() => parseRule({ name: 'a', match: { type: 'assistant-request' }, mode: 'always', response: { status: 99 } })).toThrow(/field response.status: an HTTP status is from 100 to 599/);
  });

  it('rejects a long delay', () => {
    expect(() => parseRule({ name: 'a', match: { type: 'tool-calls' }, mode: 'always', result: 'x', delayMs: 100_000 })).toThrow(/delayMs/);
  });
});
