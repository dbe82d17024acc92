import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Conversation } from './conversation';

const SAMPLES_DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'vapi-samples');

function sample(name: string): Record<string, unknown> {
  return (JSON.parse(readFileSync(join(SAMPLES_DIR, name), 'utf8')) as { message: Record<string, unknown> }).message;
}

const toolCallsSample = sample('tool-calls.json');
const reportSample = sample('end-of-call-report.json');
const PHONE_NUMBER = JSON.stringify(toolCallsSample.phoneNumber);
const ASSISTANT = JSON.stringify(toolCallsSample.assistant);
const CALL_TEMPLATE = JSON.stringify(toolCallsSample.call);
const SAMPLE_CALL_ID = (toolCallsSample.call as { id: string }).id;
const SAMPLE_CUSTOMER = '+15555550123';
const COSTS = JSON.stringify(reportSample.costs);
const ASSISTANT_REPLY = readFileSync(join(SAMPLES_DIR, 'assistant-request.response.json'), 'utf8');
const SYSTEM_TURN = '{"role":"system","message":"You take table reservations for a fictional restaurant.","time":0,"secondsFromStart":0}';
const SYSTEM_OPENAI = '{"role":"system","content":"You take table reservations for a fictional restaurant."}';

/** One generated exchange: a Vapi event and the target's reply, as the recorder would store them. */
export interface GeneratedEvent {
  type: string;
  receivedAt: number;
  requestBody: string;
  responseBody: string;
  toolNames: string[];
  toolCallIds: string[];
}

/** Derives a call id in UUID form from the call's number, so ids are unique and stable across runs. */
export function callIdFor(index: number): string {
  const hex = index.toString(16).padStart(12, '0');
  return `5b0c${hex.slice(0, 4)}-1d2e-4f3a-8b4c-${hex}`;
}

/**
 * Builds the events of one call, `count` of them, in the order Vapi sends them: assistant-request,
 * status updates, speech and transcript events per turn, conversation updates with the growing
 * transcript, tool calls and the end-of-call-report.
 */
export function callEvents(callId: string, conversation: Conversation, startedAt: number, count: number): GeneratedEvent[] {
  const customer = `{"number":"${conversation.customerNumber}"}`;
  const call = CALL_TEMPLATE.replaceAll(SAMPLE_CALL_ID, callId).replaceAll(SAMPLE_CUSTOMER, conversation.customerNumber);
  const common = `"phoneNumber":${PHONE_NUMBER},"customer":${customer},"assistant":${ASSISTANT},"call":${call}`;
  const turns: string[] = [SYSTEM_TURN];
  const openAiTurns: string[] = [SYSTEM_OPENAI];
  const events: GeneratedEvent[] = [];
  let clock = startedAt;

  const push = (type: string, fields: string, responseBody = '{}', toolNames: string[] = [], toolCallIds: string[] = []): void => {
    clock += 400 + (events.length % 7) * 150;
    const artifact = `{"messages":[${turns.join(',')}],"messagesOpenAIFormatted":[${openAiTurns.join(',')}]}`;
    const requestBody = `{"message":{"type":"${type}",${fields}"timestamp":${clock},${common},"artifact":${artifact}}}`;
    events.push({ type, receivedAt: clock, requestBody, responseBody, toolNames, toolCallIds });
  };

  events.push({
    type: 'assistant-request',
    receivedAt: clock,
    requestBody: `{"message":{"type":"assistant-request","timestamp":${clock},"phoneNumber":${PHONE_NUMBER},"customer":${customer},"call":${call}}}`,
    responseBody: ASSISTANT_REPLY,
    toolNames: [],
    toolCallIds: [],
  });
  push('status-update', '"status":"in-progress",');

  for (let line = 0; events.length < count - 2; line += 1) {
    const text = conversation.lines[line % conversation.lines.length] as string;
    const role = line % 2 === 0 ? 'assistant' : 'user';
    const steps = [
      () => push('speech-update', `"status":"started","role":"${role}","turn":${line},`),
      () => push('transcript', `"role":"${role}","transcriptType":"partial","transcript":${JSON.stringify(text.slice(0, text.length >> 1))},`),
      () => push('speech-update', `"status":"stopped","role":"${role}","turn":${line},`),
      () => push('transcript', `"role":"${role}","transcriptType":"final","transcript":${JSON.stringify(text)},"isFiltered":false,"detectedThreats":[],`),
      () => {
        turns.push(`{"role":"${role === 'assistant' ? 'bot' : 'user'}","message":${JSON.stringify(text)},"time":${clock},"endTime":${clock + 3_000},"secondsFromStart":${(clock - startedAt) / 1000},"duration":3000}`);
        openAiTurns.push(`{"role":"${role}","content":${JSON.stringify(text)}}`);
        push('conversation-update', `"messages":[${turns.join(',')}],"messagesOpenAIFormatted":[${openAiTurns.join(',')}],`);
      },
    ];

    if (line === 2 || line === 4) {
      steps.push(() => pushToolCalls(callId, line, push));
    }

    if (line === 5) {
      steps.push(() => push('user-interrupted', `"turnId":"${callId.slice(0, 24)}${String(line).padStart(12, '0')}",`));
    }

    for (const step of steps) {
      if (events.length < count - 2) {
        step();
      }
    }
  }

  push('status-update', '"status":"ended","endedReason":"customer-ended-call",');
  const transcript = conversation.lines.map((text, index) => `${index % 2 === 0 ? 'AI' : 'User'}: ${text}`).join('\n');
  push(
    'end-of-call-report',
    `"endedReason":"customer-ended-call","cost":0.1077,"costs":${COSTS},"analysis":{"summary":${JSON.stringify(`${conversation.customerName} called to book a table.`)},"successEvaluation":"true"},"transcript":${JSON.stringify(transcript)},`,
  );
  return events.slice(0, count);
}

function pushToolCalls(callId: string, line: number, push: (type: string, fields: string, responseBody: string, toolNames: string[], toolCallIds: string[]) => void): void {
  const ids = [`call_${callId.slice(-12)}${line}a`, `call_${callId.slice(-12)}${line}b`];
  const names = ['check_availability', 'lookup_customer'];
  const list = `[{"id":"${ids[0]}","type":"function","function":{"name":"check_availability","arguments":{"date":"2026-01-20","partySize":4}}},{"id":"${ids[1]}","type":"function","function":{"name":"lookup_customer","arguments":{"phone":"+15555550123"}}}]`;
  const reply = `{"results":[{"name":"check_availability","toolCallId":"${ids[0]}","result":"Open slots on 2026-01-20 for 4: 18:00, 19:30, 20:45"},{"name":"lookup_customer","toolCallId":"${ids[1]}","result":"Found customer, 3 prior visits"}]}`;
  push('tool-calls', `"toolCallList":${list},"toolCalls":${list},`, reply, names, ids);
}
