import { describe, expect, it } from 'vitest';
import { formatExchangeLine } from '../../src-main/cli/exchange-line';
import { summary } from '../support/exchange-summary';

const forwarded = summary(7, {
  receivedAt: Date.UTC(2026, 0, 15, 17, 30, 0),
  type: 'tool-calls',
  callId: '7d2e4f1a-93b6-4c85-a0de-5b1f6c8e2a47',
  toolNames: ['check_availability'],
  toolCallIds: ['call_1'],
  durationMs: 12.4,
});

// picocolors leaves text plain when stdout is not a terminal, as under vitest.
describe('formatExchangeLine', () => {
  it('shows type, call, status, duration and tools', () => {
    const line = formatExchangeLine(forwarded);

    expect(line).toContain('tool-calls');
    expect(line).toContain('7d2e4f1a');
    expect(line).toContain('200');
    expect(line).toContain('12 ms');
    expect(line).toContain('check_availability');
    expect(line).not.toContain('replay');
  });

  it('marks a replay and its original', () => {
    expect(formatExchangeLine({ ...forwarded, replayOf: 3, source: 'replay', edited: true })).toContain('replay of #3, edited');
  });

  it('names a failure in words', () => {
    const line = formatExchangeLine({ ...forwarded, status: 504, outcome: 'target_timeout', errorMessage: 'too slow' });

    expect(line).toContain('target timed out');
    expect(line).toContain('too slow');
  });
});
