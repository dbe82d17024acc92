import { randomUUID } from 'node:crypto';

/** One event of a simulated call and when to send it, in milliseconds after the first. */
export interface SimulatedEvent {
  delayMs: number;
  body: { message: Record<string, unknown> };
}

interface Turn {
  role: 'bot' | 'user';
  text: string;
  atMs: number;
  durationMs: number;
}

const CUSTOMER = { number: '+15555550123' };
const PHONE_NUMBER = { number: '+15555550100', name: 'Demo line', provider: 'vapi' };
const ASSISTANT = { name: 'Demo booking assistant', serverMessages: ['conversation-update', 'end-of-call-report', 'status-update', 'tool-calls', 'transcript'] };

const TURNS: Turn[] = [
  { role: 'bot', text: 'Thanks for calling the demo bistro. How can I help?', atMs: 1_200, durationMs: 2_400 },
  { role: 'user', text: 'Do you have a table for two tomorrow evening?', atMs: 4_000, durationMs: 2_200 },
  { role: 'bot', text: 'I have seven o’clock or eight thirty. Which would you like?', atMs: 7_400, durationMs: 2_600 },
  { role: 'user', text: 'Seven, please. The name is Sam.', atMs: 10_400, durationMs: 1_800 },
  { role: 'bot', text: 'Booked: a table for two tomorrow at seven, under Sam. Anything else?', atMs: 13_600, durationMs: 3_000 },
  { role: 'user', text: 'No, that is all. Thanks!', atMs: 17_000, durationMs: 1_400 },
];

const TOOL_CALLS = [
  { id: 'call_demo_availability', name: 'check_availability', arguments: { date: 'tomorrow', partySize: 2 }, atMs: 6_500, afterTurn: 2 },
  { id: 'call_demo_booking', name: 'book_table', arguments: { time: '19:00', partySize: 2, name: 'Sam' }, atMs: 12_600, afterTurn: 4 },
];

/** Builds Vapi's message list as it is `untilMs` into the call, in the shape of `artifact.messages`. */
function messagesUntil(startedAt: number, untilMs: number): Record<string, unknown>[] {
  const entries: { atMs: number; message: Record<string, unknown> }[] = [
    { atMs: 0, message: { role: 'system', message: 'You take table bookings for a demo restaurant.', time: startedAt, secondsFromStart: 0 } },
  ];

  for (const turn of TURNS) {
    const message = { role: turn.role, message: turn.text, time: startedAt + turn.atMs, endTime: startedAt + turn.atMs + turn.durationMs, secondsFromStart: turn.atMs / 1000, duration: turn.durationMs };
    entries.push({ atMs: turn.atMs + turn.durationMs, message });
  }

  for (const call of TOOL_CALLS) {
    const toolCall = { id: call.id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } };
    entries.push({ atMs: call.atMs, message: { role: 'tool_calls', message: '', toolCalls: [toolCall], time: startedAt + call.atMs, secondsFromStart: call.atMs / 1000 } });
  }

  return entries
    .filter((entry) => entry.atMs <= untilMs)
    .sort((a, b) => a.atMs - b.atMs)
    .map((entry) => entry.message);
}

/**
 * Builds the events of one short booking call, in the order Vapi sends them: the assistant request,
 * status updates, transcripts, conversation updates, two tool calls and the end-of-call report.
 * Ids, numbers and names are invented.
 */
export function simulatedCallEvents(startedAt = Date.now(), callId = randomUUID()): SimulatedEvent[] {
  const endMs = 19_000;
  const call = (status: string): Record<string, unknown> => ({ id: callId, type: 'inboundPhoneCall', status, customer: CUSTOMER, startedAt: new Date(startedAt).toISOString() });
  const envelope = (delayMs: number, fields: Record<string, unknown>, status = 'in-progress', callFields: Record<string, unknown> = {}): SimulatedEvent => ({
    delayMs,
    body: {
      message: { ...fields, timestamp: startedAt + delayMs, call: { ...call(status), ...callFields }, customer: CUSTOMER, phoneNumber: PHONE_NUMBER, assistant: ASSISTANT },
    },
  });

  const events: SimulatedEvent[] = [
    envelope(0, { type: 'assistant-request' }, 'ringing'),
    envelope(300, { type: 'status-update', status: 'ringing' }, 'ringing'),
    envelope(900, { type: 'status-update', status: 'in-progress' }),
  ];

  for (const [index, turn] of TURNS.entries()) {
    const role = turn.role === 'bot' ? 'assistant' : 'user';
    const words = turn.text.split(' ');
    events.push(envelope(turn.atMs + turn.durationMs / 2, { type: 'transcript', role, transcriptType: 'partial', transcript: words.slice(0, Math.ceil(words.length / 2)).join(' ') }));
    events.push(envelope(turn.atMs + turn.durationMs, { type: 'transcript', role, transcriptType: 'final', transcript: turn.text }));
    events.push(envelope(turn.atMs + turn.durationMs + 100, { type: 'conversation-update', messages: messagesUntil(startedAt, turn.atMs + turn.durationMs) }));

    for (const tool of TOOL_CALLS.filter((candidate) => candidate.afterTurn === index + 1)) {
      const toolCall = { id: tool.id, type: 'function', function: { name: tool.name, arguments: tool.arguments } };
      events.push(envelope(tool.atMs, { type: 'tool-calls', toolCallList: [toolCall], toolWithToolCallList: [{ type: 'function', function: { name: tool.name }, toolCall }] }));
    }
  }

  events.push(envelope(endMs - 400, { type: 'status-update', status: 'ended', endedReason: 'customer-ended-call' }, 'ended'));
  events.push(envelope(endMs, endOfCallReport(startedAt, endMs), 'ended', { costBreakdown: COST_BREAKDOWN, endedAt: new Date(startedAt + endMs).toISOString() }));

  return events.sort((a, b) => a.delayMs - b.delayMs);
}

/** Cost in USD by component, in the shape of `call.costBreakdown`. */
const COST_BREAKDOWN = { stt: 0.0071, llm: 0.0093, tts: 0.0112, vapi: 0.0158, transport: 0.0024, total: 0.0458 };

function endOfCallReport(startedAt: number, endMs: number): Record<string, unknown> {
  return {
    type: 'end-of-call-report',
    endedReason: 'customer-ended-call',
    startedAt: new Date(startedAt).toISOString(),
    endedAt: new Date(startedAt + endMs).toISOString(),
    cost: COST_BREAKDOWN.total,
    analysis: {
      summary: 'The caller booked a table for two tomorrow at 19:00 under the name Sam.',
      structuredData: { booked: true, time: '19:00', partySize: 2, name: 'Sam' },
      successEvaluation: 'true',
    },
    artifact: { messages: messagesUntil(startedAt, endMs), transcript: TURNS.map((turn) => `${turn.role === 'bot' ? 'AI' : 'User'}: ${turn.text}`).join('\n') },
  };
}
