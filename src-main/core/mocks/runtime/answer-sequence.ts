import type { MockAnswer, MockRule } from '../../../contract/mocks';

/** Calls remembered per rule before the oldest counters are dropped. */
const MAX_COUNTERS = 10_000;

/**
 * Picks the answer of a rule for one request. A rule with a `sequence` gives its answers in
 * turn, counted per rule and per call id; requests without a call id share one count.
 */
export class AnswerSequence {
  private readonly counters = new Map<string, number>();

  /** `ruleKey` changes when the rule is edited, so an edited rule starts its sequence again. */
  next(ruleKey: string, rule: MockRule, callId: string | null): MockAnswer {
    if (rule.sequence === undefined) {
      return rule;
    }

    const key = `${ruleKey}\u0000${callId ?? ''}`;
    const count = this.counters.get(key) ?? 0;
    this.counters.delete(key);
    this.counters.set(key, count + 1);

    if (this.counters.size > MAX_COUNTERS) {
      this.counters.delete(this.counters.keys().next().value as string);
    }

    const length = rule.sequence.length;
    const index = rule.sequenceEnd === 'restart' ? count % length : Math.min(count, length - 1);
    const answer = rule.sequence[index] as MockAnswer;
    return answer.delayMs === undefined && rule.delayMs !== undefined ? { ...answer, delayMs: rule.delayMs } : answer;
  }
}
