import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SAMPLES_DIR = join(__dirname, '..', 'test', 'fixtures', 'vapi-samples');

interface TranscriptTurn {
  role: 'bot' | 'user';
  message: string;
  time: number;
  endTime: number;
  secondsFromStart: number;
  duration: number;
}

function sampleMessage(name: string): Record<string, unknown> {
  const envelope = JSON.parse(readFileSync(join(SAMPLES_DIR, name), 'utf8')) as { message: Record<string, unknown> };
  return envelope.message;
}

function turn(index: number, text: string): TranscriptTurn {
  const start = 1_768_498_200_000 + index * 4_000;
  return {
    role: index % 2 === 0 ? 'bot' : 'user',
    message: text,
    time: start,
    endTime: start + 3_200,
    secondsFromStart: index * 4,
    duration: 3_200,
  };
}

/**
 * Grows `message.artifact.messages` with transcript turns until the JSON envelope is exactly
 * `sizeBytes` long; the last turn's text takes up the remainder.
 */
function envelopeOfSize(message: Record<string, unknown>, sizeBytes: number): Buffer {
  const artifact = { ...(message.artifact as Record<string, unknown>) };
  const turns = [...((artifact.messages as unknown[] | undefined) ?? [])];
  const text = 'I would like to move the booking to Thursday at seven thirty for four people, please. '.repeat(10);
  const encode = (): Buffer => Buffer.from(JSON.stringify({ message: { ...message, artifact: { ...artifact, messages: turns } } }));
  const turnBytes = JSON.stringify(turn(turns.length, text)).length + 1;
  const turnCount = Math.floor((sizeBytes - encode().length) / turnBytes);

  for (let index = 0; index < turnCount; index += 1) {
    turns.push(turn(turns.length, text));
  }

  // Turn lengths vary by a few digits, so drop turns until the filler turn fits.
  while (turns.length > 0 && encode().length + 200 > sizeBytes) {
    turns.pop();
  }

  turns.push(turn(turns.length, ''));
  const filler = sizeBytes - encode().length;

  if (filler < 0) {
    throw new Error(`Cannot build a body of ${sizeBytes} bytes; the smallest is ${encode().length}.`);
  }

  (turns[turns.length - 1] as TranscriptTurn).message = 'x'.repeat(filler);
  return encode();
}

/** Builds a `tool-calls` request of `sizeBytes` (2 KiB in the latency runs): two tool calls and a short call object. */
export function toolCallsBody(sizeBytes: number): Buffer {
  const sample = sampleMessage('tool-calls.json');
  const call = sample.call as Record<string, unknown>;
  const message = {
    type: 'tool-calls',
    timestamp: sample.timestamp,
    toolCallList: sample.toolCallList,
    call: { id: call.id, orgId: call.orgId, type: call.type, status: call.status },
    artifact: { messages: [] },
  };
  return envelopeOfSize(message, sizeBytes);
}

/** Reads the `tool-calls` sample as Vapi sends it (about 10 KB), used for the throughput run. */
export function toolCallsSampleBody(): Buffer {
  return readFileSync(join(SAMPLES_DIR, 'tool-calls.json'));
}

/** Builds an `end-of-call-report` of `sizeBytes` (1 MiB in the latency runs): the sample with a long transcript. */
export function endOfCallReportBody(sizeBytes: number): Buffer {
  return envelopeOfSize(sampleMessage('end-of-call-report.json'), sizeBytes);
}

/** Reads the reply the fast target sends to every request: the sample `tool-calls` reply. */
export function targetReplyBody(): Buffer {
  return readFileSync(join(SAMPLES_DIR, 'tool-calls.response.json'));
}
