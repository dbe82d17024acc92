import pc from 'picocolors';
import type { ExchangeSummary, Outcome, ReplyCheck } from '../contract/exchange';
import { authFailureWords } from './auth-lines';

/** Words for outcomes that are not a plain success. */
const OUTCOME_WORDS: Partial<Record<Outcome, string>> = {
  target_error: 'target error',
  target_timeout: 'target timed out',
  target_unreachable: 'target unreachable',
  rejected: 'rejected',
  interrupted: 'interrupted',
  mocked: 'mocked',
  pending: 'pending',
};

function clock(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** Formats a duration in milliseconds for a terminal column. */
export function formatDuration(durationMs: number | null): string {
  if (durationMs === null) {
    return '-';
  }

  return durationMs < 10_000 ? `${Math.round(durationMs)} ms` : `${(durationMs / 1000).toFixed(1)} s`;
}

function colourStatus(status: number | null): string {
  if (status === null) {
    return pc.dim('---');
  }

  const text = String(status);

  if (status >= 500) return pc.red(text);
  if (status >= 400) return pc.yellow(text);
  if (status >= 300) return pc.cyan(text);
  return pc.green(text);
}

/**
 * One line per finished exchange: time, event type, short call id, tool names, status,
 * duration, and the outcome in words when it was not a success. Each reply check adds an
 * indented line below it.
 */
export function formatExchangeLine(exchange: ExchangeSummary): string {
  const type = exchange.type ?? `${exchange.method} ${exchange.path}`;
  const callId = exchange.callId === null ? '-' : exchange.callId.slice(0, 8);
  const parts = [
    pc.dim(clock(exchange.receivedAt)),
    pc.bold(type.padEnd(28)),
    pc.dim(callId.padEnd(8)),
    colourStatus(exchange.status),
    formatDuration(exchange.durationMs).padStart(8),
  ];

  if (exchange.toolNames.length > 0) {
    parts.push(pc.magenta(exchange.toolNames.join(', ')));
  }

  if (exchange.replayOf !== null) {
    parts.push(pc.cyan(`replay of #${exchange.replayOf}${exchange.edited ? ', edited' : ''}`));
  }

  const words = OUTCOME_WORDS[exchange.outcome];

  if (words !== undefined) {
    const detail = exchange.outcome === 'mocked' && exchange.mockRule !== null ? `${words} by "${exchange.mockRule}"` : words;
    parts.push(exchange.outcome === 'mocked' ? pc.blue(detail) : pc.red(detail));
  }

  const auth = authFailureWords(exchange);

  if (auth !== null) {
    parts.push(pc.red(auth));
  }

  // A mocked exchange carries an error when the target failed and rules answered in its place.
  if (exchange.errorMessage !== null && exchange.outcome !== 'forwarded') {
    parts.push(pc.dim(`- ${exchange.errorMessage}`));
  }

  return [parts.join('  '), ...exchange.checks.map(formatCheck)].join('\n');
}

/** Formats one reply check as an indented line, red for failures and yellow for warnings. */
function formatCheck(check: ReplyCheck): string {
  const colour = check.severity === 'warning' ? pc.yellow : pc.red;
  return `    ${colour(`⚠ ${check.code}`)}: ${check.message}`;
}
