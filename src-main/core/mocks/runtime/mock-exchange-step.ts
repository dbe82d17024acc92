import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderPair, VapiFields } from '../../../contract/exchange';
import type { Settings } from '../../../contract/settings';
import type { OpenForwards } from '../../open-forwards';
import type { TargetAgents } from '../../send-to-target';
import type { Target } from '../../target';
import { parseJsonObject, toolCallsOf, type JsonObject } from '../../vapi-event';
import { answerWithMocks, type MockResult } from './answer-with-mocks';
import type { MockRequest } from './match-rule';
import type { MockRuntime } from './mock-runtime';

/** The received request as the exchange handler has read it. */
export interface ReceivedForMocks {
  path: string;
  body: Uint8Array;
  message: JsonObject | undefined;
  fields: VapiFields;
  requestHeaders: HeaderPair[];
}

/** The parts of the handler's context that the step uses. */
export interface MockStepContext {
  mocks: MockRuntime;
  settings: Settings;
  target: Target | null;
  agents: TargetAgents;
  forwards: OpenForwards;
}

/**
 * The exchange handler's mock step: when a rule matches, answers the request (from the rule,
 * the target, or both) and returns the result to record; returns null when no rule applies.
 */
export async function answerFromMockRules(request: IncomingMessage, response: ServerResponse, context: MockStepContext, received: ReceivedForMocks): Promise<MockResult | null> {
  // The body is parsed again only when a rule reads it (a `when` pointer or a template), since
  // an end-of-call report can be megabytes.
  let parsed: { body: JsonObject | undefined } | null = null;
  const mockRequest: MockRequest = {
    path: received.path,
    get body() {
      parsed ??= { body: parseJsonObject(received.body) };
      return parsed.body;
    },
    message: received.message,
    fields: received.fields,
    toolCalls: received.message !== undefined && received.fields.type === 'tool-calls' ? toolCallsOf(received.message) : [],
  };
  const plan = context.mocks.plan(mockRequest);

  if (plan === null) {
    return null;
  }

  return answerWithMocks({
    request,
    response,
    requestHeaders: received.requestHeaders,
    body: received.body,
    target: context.target,
    settings: context.settings,
    agents: context.agents,
    runtime: context.mocks,
    plan,
    mockRequest,
    forwards: context.forwards,
  });
}
