import { OUTCOMES, type ExchangeSummary, type Outcome } from '../../../src-main/contract/exchange';

/** The filter of the exchange list. Every set field narrows it, and the URL carries the same fields. */
export interface ExchangeFilter {
  type: string | null;
  callId: string | null;
  outcome: Outcome | null;
  status: number | null;
  /** Free text searched in request and response bodies. */
  text: string;
  /** Only exchanges whose reply has warnings. */
  warnings: boolean;
}

export const EMPTY_FILTER: ExchangeFilter = { type: null, callId: null, outcome: null, status: null, text: '', warnings: false };

/** URL parameter names, shared with the control API's `/api/exchanges` query. */
const PARAMS = { type: 'type', callId: 'call', outcome: 'outcome', status: 'status', text: 'q', warnings: 'warnings' } as const;

export function isEmptyFilter(filter: ExchangeFilter): boolean {
  return filterToParams(filter).toString() === '';
}

/** Reads a filter from URL parameters, ignoring values that are not valid. */
export function filterFromParams(params: URLSearchParams): ExchangeFilter {
  const outcome = params.get(PARAMS.outcome);
  const status = Number(params.get(PARAMS.status) ?? '');

  return {
    type: params.get(PARAMS.type) || null,
    callId: params.get(PARAMS.callId) || null,
    outcome: OUTCOMES.includes(outcome as Outcome) ? (outcome as Outcome) : null,
    status: params.get(PARAMS.status) !== null && Number.isInteger(status) && status >= 100 && status <= 599 ? status : null,
    text: params.get(PARAMS.text) ?? '',
    warnings: params.get(PARAMS.warnings) === '1',
  };
}

/** Writes a filter as URL parameters, leaving out fields that are not set. */
export function filterToParams(filter: ExchangeFilter): URLSearchParams {
  const params = new URLSearchParams();

  if (filter.type !== null) params.set(PARAMS.type, filter.type);
  if (filter.callId !== null) params.set(PARAMS.callId, filter.callId);
  if (filter.outcome !== null) params.set(PARAMS.outcome, filter.outcome);
  if (filter.status !== null) params.set(PARAMS.status, String(filter.status));
  if (filter.text.trim() !== '') params.set(PARAMS.text, filter.text.trim());
  if (filter.warnings) params.set(PARAMS.warnings, '1');

  return params;
}

/**
 * Returns whether a pushed exchange belongs in a filtered list. Text search runs in the database,
 * so with a text filter the result is `unknown` and the list queries the API instead.
 */
export function matchesFilter(filter: ExchangeFilter, exchange: ExchangeSummary): boolean | 'unknown' {
  if (filter.type !== null && exchange.type !== filter.type) return false;
  if (filter.callId !== null && exchange.callId !== filter.callId) return false;
  if (filter.outcome !== null && exchange.outcome !== filter.outcome) return false;
  if (filter.status !== null && exchange.status !== filter.status) return false;
  if (filter.warnings && exchange.checks.length === 0) return false;
  return filter.text.trim() === '' ? true : 'unknown';
}
