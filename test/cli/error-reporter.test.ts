import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createErrorReporter } from '../../src-main/cli/error-reporter';

describe('createErrorReporter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports the first failure and counts the rest', () => {
    const lines: string[] = [];
    const report = createErrorReporter((line) => lines.push(line));

    report('recording failed', new Error('database is locked'));
    for (let index = 0; index < 14; index += 1) report('recording failed', new Error('database is locked'));
    vi.advanceTimersByTime(5_000);

    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('recording failed: database is locked');
    expect(lines[1]).toContain('14 more times in the last 5 s');
  });

  it('stays quiet when nothing more failed', () => {
    const lines: string[] = [];
    const report = createErrorReporter((line) => lines.push(line));

    report('recording failed', new Error('disk full'));
    vi.advanceTimersByTime(20_000);
    report('recording failed', new Error('disk full again'));

    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('disk full again');
  });

  it('keeps kinds apart', () => {
    const lines: string[] = [];
    const report = createErrorReporter((line) => lines.push(line));

    report('recording failed', new Error('a'));
    report('request handling failed', new Error('b'));

    expect(lines).toHaveLength(2);
  });
});
