import type { ExchangeSummary, Outcome } from '../../../src-main/contract/exchange';

/** The look of an outcome in the list: a symbol, a word and a tone for colour, so colour is never the only cue. */
export interface OutcomeLook {
  symbol: string;
  label: string;
  tone: 'neutral' | 'mocked' | 'error' | 'warning' | 'muted' | 'pending';
}

const LOOKS: Record<Outcome, OutcomeLook> = {
  pending: { symbol: '…', label: 'pending', tone: 'pending' },
  forwarded: { symbol: '✓', label: 'forwarded', tone: 'neutral' },
  mocked: { symbol: 'M', label: 'mocked', tone: 'mocked' },
  target_error: { symbol: '✕', label: 'target error', tone: 'error' },
  target_timeout: { symbol: '⏱', label: 'timeout', tone: 'warning' },
  target_unreachable: { symbol: '✕', label: 'unreachable', tone: 'error' },
  rejected: { symbol: '⊘', label: 'rejected', tone: 'muted' },
  interrupted: { symbol: '⊘', label: 'interrupted', tone: 'muted' },
};

export function outcomeLook(outcome: Outcome): OutcomeLook {
  return LOOKS[outcome];
}

/** Status text for the list: the HTTP status when there is one, otherwise the outcome word. */
export function statusText(exchange: ExchangeSummary): string {
  return exchange.status === null ? LOOKS[exchange.outcome].label : String(exchange.status);
}
