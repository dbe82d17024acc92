import type { MockAnswer, MockRule, MockRuleRecord } from '../../../contract/mocks';
import { performance } from 'node:perf_hooks';
import { AnswerSequence } from './answer-sequence';
import { matchesRequest, matchesTool, type MockRequest } from './match-rule';
import type { ToolCall } from './template';

/**
 * The source of rules. `version` changes whenever the rules may have changed, and a source that
 * emits `changed` after its own writes has them applied to the next request.
 */
export interface MockRuleSource {
  version(): string;
  list(): MockRuleRecord[];
  on?(event: 'changed', listener: () => void): unknown;
}

/**
 * How long a read of the rules' version is trusted, in ms, because a query per request costs too
 * much. Rules written by another process (`switchboard mocks` beside a running `listen`) apply
 * within this time.
 */
const VERSION_TRUSTED_MS = 200;

/** A rule that is switched on. `key` changes with every edit of the rule. */
export interface ActiveRule {
  key: string;
  rule: MockRule;
}

/**
 * How rules answer one request: one rule answers it whole, or (for `tool-calls`) each tool call
 * has its own rule or none.
 */
export type MockPlan = { kind: 'whole'; rule: ActiveRule } | { kind: 'tools'; calls: { toolCall: ToolCall; rule: ActiveRule | null }[] };

/** True when the rule answers with whole replies rather than one tool's result. */
function answersWhole(rule: MockRule): boolean {
  return rule.response !== undefined || rule.sequence?.[0]?.response !== undefined;
}

/** Matches requests against the stored rules, in order, and picks each rule's next answer. */
export class MockRuntime {
  private readonly source: MockRuleSource | null;
  private readonly sequence = new AnswerSequence();
  private loadedVersion: string | null = null;
  private versionReadAt = Number.NEGATIVE_INFINITY;
  private active: ActiveRule[] = [];

  constructor(source: MockRuleSource | null) {
    this.source = source;
    source?.on?.('changed', () => {
      this.versionReadAt = Number.NEGATIVE_INFINITY;
    });
  }

  /** Returns how rules answer this request, or null when no rule applies. */
  plan(request: MockRequest): MockPlan | null {
    const candidates = this.activeRules().filter((active) => matchesRequest(active.rule.match, request));

    if (candidates.length === 0) {
      return null;
    }

    if (request.fields.type !== 'tool-calls') {
      return { kind: 'whole', rule: candidates[0] as ActiveRule };
    }

    const calls = request.toolCalls.map((toolCall) => ({
      toolCall,
      rule: candidates.find((active) => matchesTool(active.rule.match, toolCall)) ?? null,
    }));
    const wholeRule = candidates.find((active) => answersWhole(active.rule) && (request.toolCalls.length === 0 || calls.some((call) => call.rule === active)));

    if (wholeRule !== undefined) {
      return { kind: 'whole', rule: wholeRule };
    }

    return calls.some((call) => call.rule !== null) ? { kind: 'tools', calls } : null;
  }

  /** True when at least one stored rule is switched on. */
  hasActiveRules(): boolean {
    return this.activeRules().length > 0;
  }

  /** Picks the rule's answer for this request and advances its sequence for the call. */
  answer(active: ActiveRule, callId: string | null): MockAnswer {
    return this.sequence.next(active.key, active.rule, callId);
  }

  private activeRules(): ActiveRule[] {
    if (this.source === null) {
      return [];
    }

    const now = performance.now();

    if (now - this.versionReadAt < VERSION_TRUSTED_MS) {
      return this.active;
    }

    const version = this.source.version();
    this.versionReadAt = now;

    if (version !== this.loadedVersion) {
      this.active = this.source
        .list()
        .filter((record) => record.rule.mode !== 'off')
        .map((record) => ({ key: `${record.id}:${record.updatedAt}`, rule: record.rule }));
      this.loadedVersion = version;
    }

    return this.active;
  }
}
