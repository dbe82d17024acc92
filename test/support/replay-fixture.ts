import type { ExchangeDetail } from '../../src-main/contract/exchange';
import type { RunningEngine } from './engine-fixture';
import { send } from './http-client';

/**
 * Sends one request through a running engine, so it is forwarded and recorded as Vapi's would be,
 * and returns the recorded exchange.
 */
export async function recordExchange(
  running: RunningEngine,
  body: Buffer | string,
  options: { path?: string; headers?: string[] } = {},
): Promise<ExchangeDetail> {
  await send(`${running.url}${options.path ?? '/webhook'}`, {
    body,
    headers: options.headers ?? ['Content-Type', 'application/json'],
  });
  await running.engine.recorded();
  const [latest] = running.engine.store.list({ limit: 1 });
  return running.engine.store.detail(latest?.id as number) as ExchangeDetail;
}

/** Builds a compact Vapi envelope for one call event, with optional extra message fields. */
export function vapiEvent(type: string, callId: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ message: { type, timestamp: 1768498297300, call: { id: callId }, ...extra } });
}

/** Finds the value of a header in a flat raw header list, matching the name without regard to case. */
export function rawHeader(rawHeaders: string[], name: string): string | undefined {
  const index = rawHeaders.findIndex((candidate, position) => position % 2 === 0 && candidate.toLowerCase() === name.toLowerCase());
  return index === -1 ? undefined : rawHeaders[index + 1];
}
