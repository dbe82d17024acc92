import { describe, expect, it } from 'vitest';
import { renderJson, renderText, type TemplateScope } from '../../../src-main/core/mocks/runtime/template';

const body = {
  message: {
    type: 'tool-calls',
    call: { id: 'call-9', customer: { number: '+15550001' } },
    phoneNumber: { number: '+15550100' },
    assistant: { name: 'Host' },
    'odd/key': 'slash',
  },
};
const scope: TemplateScope = {
  body,
  message: body.message,
  toolCall: { id: 'tc-1', name: 'book', arguments: { partySize: 4, date: '2026-01-20', extras: ['window'] } },
};

describe('renderText', () => {
  it('fills tool call fields', () => {
    expect(renderText('{{toolCall.id}} {{toolCall.name}} {{arguments.partySize}}', scope)).toBe('tc-1 book 4');
  });

  it('fills call and customer', () => {
    expect(renderText('{{call.id}} {{customer.number}} {{phoneNumber.number}} {{assistant.name}}', scope)).toBe('call-9 +15550001 +15550100 Host');
  });

  it('reads JSON pointers', () => {
    expect(renderText('{{/message/call/id}} {{/message/odd~1key}}', scope)).toBe('call-9 slash');
  });

  it('writes objects as JSON', () => {
    expect(renderText('{{arguments.extras}}', scope)).toBe('["window"]');
  });

  it('leaves missing values empty', () => {
    expect(renderText('[{{arguments.nothing}}] [{{/message/nothing}}]', scope)).toBe('[] []');
  });

  it('allows spaces inside braces', () => {
    expect(renderText('{{ call.id }}', scope)).toBe('call-9');
  });
});

describe('renderJson', () => {
  it('keeps the type of a lone placeholder', () => {
    expect(renderJson({ size: '{{arguments.partySize}}', label: 'for {{arguments.partySize}}', list: ['{{arguments.extras}}'] }, scope)).toEqual({
      size: 4,
      label: 'for 4',
      list: [['window']],
    });
  });

  it('turns a missing lone placeholder into null', () => {
    expect(renderJson({ value: '{{arguments.nothing}}' }, scope)).toEqual({ value: null });
  });
});
