import type { Vapi } from '@vapi-ai/server-sdk';
import type { MockRuleExample } from '../../../contract/mocks';

// Each body is checked at compile time against the reply type in @vapi-ai/server-sdk, so the
// editor's starting points stay valid for Vapi.
const assistantIdBody = {
  assistantId: 'your-assistant-id',
  assistantOverrides: { variableValues: { customerNumber: '{{customer.number}}' }, firstMessage: 'Hello from a mock rule.' },
} satisfies Vapi.ServerMessageResponseAssistantRequest;

const assistantBody = {
  assistant: {
    name: 'Mock assistant',
    firstMessage: 'Hi, this assistant comes from a Switchboard mock rule.',
    model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: 'You are a helpful phone assistant.' }] },
    voice: { provider: 'vapi', voiceId: 'Elliot' },
    transcriber: { provider: 'deepgram', model: 'nova-2', language: 'en' },
  },
} satisfies Vapi.ServerMessageResponseAssistantRequest;

const squadIdBody = { squadId: 'your-squad-id' } satisfies Vapi.ServerMessageResponseAssistantRequest;

const squadBody = {
  squad: { members: [{ assistantId: 'first-assistant-id' }, { assistantId: 'second-assistant-id' }] },
} satisfies Vapi.ServerMessageResponseAssistantRequest;

const destinationBody = {
  destination: { type: 'number', number: '+15555550177', message: 'Connecting you to the front desk.' },
} satisfies Vapi.ServerMessageResponseAssistantRequest;

const errorBody = { error: 'Sorry, we cannot take your call right now. Please call back later.' } satisfies Vapi.ServerMessageResponseAssistantRequest;

const transferBody = {
  destination: { type: 'number', number: '+15555550177', message: 'Transferring you now.' },
} satisfies Vapi.ServerMessageResponseTransferDestinationRequest;

const knowledgeBody = {
  documents: [{ content: 'We are open from 9:00 to 17:00, Monday to Friday.', similarity: 0.92 }],
} satisfies Vapi.ServerMessageResponseKnowledgeBaseRequest;

/** Valid starting points for the rule editor: every assistant-request shape, a tool result and the other replies Vapi reads. */
export const RULE_EXAMPLES: readonly MockRuleExample[] = [
  { title: 'assistant-request: assistantId with overrides', rule: { name: 'saved assistant with overrides', match: { type: 'assistant-request' }, mode: 'always', response: { status: 200, body: assistantIdBody } } },
  { title: 'assistant-request: full assistant', rule: { name: 'inline assistant', match: { type: 'assistant-request' }, mode: 'always', response: { status: 200, body: assistantBody } } },
  { title: 'assistant-request: squadId', rule: { name: 'saved squad', match: { type: 'assistant-request' }, mode: 'always', response: { status: 200, body: squadIdBody } } },
  { title: 'assistant-request: full squad', rule: { name: 'inline squad', match: { type: 'assistant-request' }, mode: 'always', response: { status: 200, body: squadBody } } },
  { title: 'assistant-request: transfer destination', rule: { name: 'forward caller to a number', match: { type: 'assistant-request' }, mode: 'always', response: { status: 200, body: destinationBody } } },
  { title: 'assistant-request: reject with error', rule: { name: 'reject inbound calls', match: { type: 'assistant-request' }, mode: 'always', response: { status: 200, body: errorBody } } },
  {
    title: 'tool-calls: result for one tool',
    rule: { name: 'availability stub', match: { type: 'tool-calls', tool: 'check_availability' }, mode: 'always', result: 'A table for {{arguments.partySize}} is free on {{arguments.date}}.' },
  },
  { title: 'tool-calls: tool error', rule: { name: 'availability tool error', match: { type: 'tool-calls', tool: 'check_availability' }, mode: 'always', error: 'The booking system is unavailable.' } },
  { title: 'transfer-destination-request: number', rule: { name: 'transfer to front desk', match: { type: 'transfer-destination-request' }, mode: 'always', response: { status: 200, body: transferBody } } },
  { title: 'knowledge-base-request: documents', rule: { name: 'opening hours', match: { type: 'knowledge-base-request' }, mode: 'always', response: { status: 200, body: knowledgeBody } } },
];
