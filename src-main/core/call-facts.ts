import type { JsonObject } from './vapi-event';

/** Call-level facts one event contributes to its call's summary; undefined means "no news". */
export interface CallFacts {
  status?: string;
  endedReason?: string;
  cost?: number;
  durationSeconds?: number;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function secondsBetween(startedAt: unknown, endedAt: unknown): number | undefined {
  if (typeof startedAt !== 'string' || typeof endedAt !== 'string') {
    return undefined;
  }

  const seconds = (Date.parse(endedAt) - Date.parse(startedAt)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/**
 * Reads status, ended reason, cost and duration from `status-update` and `end-of-call-report`
 * messages. Reports read the current nested fields first and the older top-level ones second.
 */
export function callFactsOf(message: JsonObject | undefined): CallFacts {
  if (message === undefined) {
    return {};
  }

  if (message.type === 'status-update') {
    return {
      status: stringOrUndefined(message.status),
      endedReason: stringOrUndefined(message.endedReason),
    };
  }

  if (message.type !== 'end-of-call-report') {
    return {};
  }

  const call = typeof message.call === 'object' && message.call !== null ? (message.call as Record<string, unknown>) : {};
  const costBreakdown = (call.costBreakdown ?? message.costBreakdown) as Record<string, unknown> | undefined;

  return {
    status: 'ended',
    endedReason: stringOrUndefined(message.endedReason) ?? stringOrUndefined(call.endedReason),
    cost: numberOrUndefined(message.cost) ?? numberOrUndefined(call.cost) ?? numberOrUndefined(costBreakdown?.total),
    durationSeconds:
      numberOrUndefined(message.durationSeconds) ??
      secondsBetween(message.startedAt, message.endedAt) ??
      secondsBetween(call.startedAt, call.endedAt),
  };
}
