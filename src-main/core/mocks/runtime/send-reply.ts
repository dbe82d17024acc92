import type { ServerResponse } from 'node:http';
import type { SwitchboardError } from '../../errors';
import { flattenPairs } from '../../headers';
import type { MockResult, MockStep, Rendered } from './answer-with-mocks';
import type { BufferedForward } from './forward-buffered';
import type { ActiveRule } from './mock-runtime';

/**
 * Records an interrupted exchange when the caller left. Otherwise, the target failing or
 * Switchboard stopping included, runs `answer` so the rules reply.
 */
export async function afterFailure(response: ServerResponse, forward: BufferedForward, answer: () => Promise<MockResult>): Promise<MockResult> {
  if (forward.kind === 'failed' && forward.error.code === 'interrupted' && response.destroyed) {
    return {
      status: null,
      responseHeaders: null,
      responseBody: null,
      outcome: 'interrupted',
      errorCode: 'interrupted',
      errorMessage: forward.error.message,
      targetDurationMs: forward.targetDurationMs,
    };
  }

  return answer();
}

export function relay(step: MockStep, forward: Extract<BufferedForward, { kind: 'reply' }>): MockResult {
  const headers = forward.headers.filter(([name]) => name.toLowerCase() !== 'content-length');
  headers.push(['Content-Length', String(forward.body.byteLength)]);
  step.response.writeHead(forward.status, forward.statusMessage, flattenPairs(headers));
  step.response.end(forward.body);
  return { status: forward.status, responseHeaders: forward.headers, responseBody: forward.body, outcome: 'forwarded', targetDurationMs: forward.targetDurationMs };
}

/**
 * Renders the reply, waits for the longest delay of the answers used, then sends it.
 * `unansweredTools` are the tools of a `tool-calls` request that got an error entry because no
 * rule covers them and the target failed.
 */
export async function sendMock(
  step: MockStep,
  build: () => Rendered,
  rules: ActiveRule[],
  forward: BufferedForward | null,
  failure: SwitchboardError | null,
  unansweredTools: string[] = [],
): Promise<MockResult> {
  const { reply, delayMs } = build();
  const stillThere = await wait(delayMs, step.response);
  const names = [...new Set(rules.map((active) => active.rule.name))].join(', ');
  const targetDurationMs = forward?.targetDurationMs ?? null;

  if (!stillThere) {
    return { status: null, responseHeaders: null, responseBody: null, outcome: 'interrupted', errorCode: 'interrupted', errorMessage: 'The caller closed the connection during the mock delay.', mockRule: names, targetDurationMs };
  }

  step.response.writeHead(reply.status, flattenPairs(reply.headers));
  step.response.end(reply.body);

  return {
    status: reply.status,
    responseHeaders: reply.headers,
    responseBody: reply.body,
    outcome: 'mocked',
    mockRule: names,
    errorCode: failure?.code ?? null,
    errorMessage: failureMessage(failure, names, unansweredTools),
    targetDurationMs,
  };
}

function failureMessage(failure: SwitchboardError | null, names: string, unansweredTools: string[]): string | null {
  if (failure === null) {
    return null;
  }

  if (unansweredTools.length === 0) {
    return `${failure.message} Mock rule "${names}" answered instead.`;
  }

  const unanswered =
    unansweredTools.length === 1 ? `The unmocked tool ${unansweredTools[0]} got an error entry` : `The unmocked tools ${unansweredTools.join(', ')} got error entries`;
  return `${failure.message} ${unanswered}; mock rule "${names}" answered the others.`;
}

/** Resolves true after `ms`, or false as soon as the caller closes the connection. */
function wait(ms: number, response: ServerResponse): Promise<boolean> {
  if (ms <= 0) {
    return Promise.resolve(!response.destroyed);
  }

  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      response.off('close', onClose);
      resolve(true);
    }, ms);
    response.once('close', onClose);
  });
}
