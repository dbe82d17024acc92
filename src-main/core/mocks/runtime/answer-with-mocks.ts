import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderPair } from '../../../contract/exchange';
import type { Settings } from '../../../contract/settings';
import type { ExchangeResult } from '../../../recorder/exchange-writer';
import { SwitchboardError } from '../../errors';
import type { OpenForwards } from '../../open-forwards';
import type { TargetAgents } from '../../send-to-target';
import { timeoutFor } from '../../settings';
import type { Target } from '../../target';
import { parseJsonObject, type JsonObject } from '../../vapi-event';
import { envelopeReply, failedToolEntry, toolResultEntry, wholeReply, type MockReply } from './build-reply';
import { forwardBuffered, type BufferedForward } from './forward-buffered';
import type { MockRequest } from './match-rule';
import type { ActiveRule, MockPlan, MockRuntime } from './mock-runtime';
import { afterFailure, relay, sendMock } from './send-reply';

/**
 * How long a fallback rule waits for the target on an `assistant-request`. Vapi ends the call
 * when the reply takes more than 7.5 s end to end, so the rule answers with a margin for the tunnel.
 */
export const ASSISTANT_REQUEST_FALLBACK_MS = 6_500;

/** Everything the mock step needs for one request. */
export interface MockStep {
  request: IncomingMessage;
  response: ServerResponse;
  requestHeaders: HeaderPair[];
  body: Uint8Array;
  target: Target | null;
  settings: Settings;
  agents: TargetAgents;
  runtime: MockRuntime;
  plan: MockPlan;
  mockRequest: MockRequest;
  /** Forwards waiting for the target, which the engine cancels when it stops. */
  forwards: OpenForwards;
}

/** A rendered reply and how long to wait before sending it, in milliseconds. */
export interface Rendered {
  reply: MockReply;
  delayMs: number;
}

/** The recorded result of a mocked exchange, without its total duration. */
export type MockResult = Omit<ExchangeResult, 'durationMs'>;

/** The forward timeout for a request that a fallback rule may answer. */
export function fallbackTimeoutMs(settings: Settings, eventType: string | null): number {
  const timeoutMs = timeoutFor(settings, eventType);
  return eventType === 'assistant-request' ? Math.min(timeoutMs, ASSISTANT_REQUEST_FALLBACK_MS) : timeoutMs;
}

/**
 * Answers a request that at least one rule matched: from the rules alone (`always`), from the
 * target with the rules standing in when it fails (`fallback`), or merged tool by tool.
 * Writes the reply and returns what to record. Never throws.
 */
export async function answerWithMocks(step: MockStep): Promise<MockResult> {
  const { plan } = step;

  if (plan.kind === 'whole') {
    const scope = { body: step.mockRequest.body, message: step.mockRequest.message };
    const build = (): Rendered => {
      const answer = step.runtime.answer(plan.rule, step.mockRequest.fields.callId);
      return { reply: wholeReply(answer, scope), delayMs: answer.delayMs ?? 0 };
    };

    if (plan.rule.rule.mode === 'always') {
      return sendMock(step, build, [plan.rule], null, null);
    }

    const forward = await forwardOrFail(step);
    return targetSucceeded(forward) ? relay(step, forward) : afterFailure(step.response, forward, () => sendMock(step, build, [plan.rule], forward, failureOf(forward)));
  }

  const callId = step.mockRequest.fields.callId;
  const scope = { body: step.mockRequest.body, message: step.mockRequest.message };
  const delays: number[] = [];
  const ruleEntry = (call: (typeof plan.calls)[number]): JsonObject => {
    const answer = step.runtime.answer(call.rule as ActiveRule, callId);
    delays.push(answer.delayMs ?? 0);
    return toolResultEntry(answer, call.toolCall, scope);
  };
  const rendered = (reply: MockReply): Rendered => ({ reply, delayMs: Math.max(0, ...delays) });
  const always = plan.calls.filter((call) => call.rule?.rule.mode === 'always');

  if (always.length === plan.calls.length) {
    return sendMock(step, () => rendered(envelopeReply(plan.calls.map(ruleEntry))), rulesOf(plan.calls), null, null);
  }

  const forward = await forwardOrFail(step);

  if (targetSucceeded(forward)) {
    if (always.length === 0) {
      return relay(step, forward);
    }

    const targetJson = parseJsonObject(forward.body) ?? {};
    const targetResults = Array.isArray(targetJson.results) ? (targetJson.results as JsonObject[]) : [];
    const build = (): Rendered => {
      const entries = plan.calls.flatMap((call) => {
        if (call.rule?.rule.mode === 'always') {
          return [ruleEntry(call)];
        }

        const fromTarget = targetResults.find((entry) => typeof entry === 'object' && entry !== null && entry.toolCallId === call.toolCall.id);
        return fromTarget === undefined ? [] : [fromTarget];
      });
      return rendered(envelopeReply(entries, withoutResults(targetJson)));
    };
    return sendMock(step, build, rulesOf(always), forward, null);
  }

  const reason = failureOf(forward);
  const answered = plan.calls.filter((call) => call.rule !== null);
  const unanswered = [...new Set(plan.calls.filter((call) => call.rule === null).map((call) => call.toolCall.name ?? call.toolCall.id ?? '(unnamed)'))];
  const build = (): Rendered =>
    rendered(envelopeReply(plan.calls.map((call) => (call.rule === null ? failedToolEntry(call.toolCall, `No answer: ${reason.message}`) : ruleEntry(call)))));
  return afterFailure(step.response, forward, () => sendMock(step, build, rulesOf(answered), forward, reason, unanswered));
}

function rulesOf(calls: { rule: ActiveRule | null }[]): ActiveRule[] {
  return calls.flatMap((call) => (call.rule === null ? [] : [call.rule]));
}

function withoutResults(json: JsonObject): JsonObject {
  const { results: _results, ...rest } = json;
  return rest;
}

async function forwardOrFail(step: MockStep): Promise<BufferedForward> {
  if (step.target === null) {
    return { kind: 'failed', error: new SwitchboardError('no_target', 'No target is set.'), targetDurationMs: 0 };
  }

  return forwardBuffered({
    request: step.request,
    response: step.response,
    target: step.target,
    requestHeaders: step.requestHeaders,
    body: step.body,
    agents: step.agents,
    timeoutMs: fallbackTimeoutMs(step.settings, step.mockRequest.fields.type),
    limitBytes: step.settings.bodyLimitBytes,
    eventType: step.mockRequest.fields.type,
    forwards: step.forwards,
  });
}

function targetSucceeded(forward: BufferedForward): forward is Extract<BufferedForward, { kind: 'reply' }> {
  return forward.kind === 'reply' && forward.status < 500;
}

/** Why the target's reply cannot be used: unreachable, timed out, or a 5xx status. */
function failureOf(forward: BufferedForward): SwitchboardError {
  if (forward.kind === 'failed') {
    return forward.error;
  }

  return new SwitchboardError('target_error', `The server at the target answered ${forward.status}.`);
}
