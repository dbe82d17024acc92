/**
 * Mock rules as plain JSON: what a rule file holds, what the store keeps and what the UI edits.
 * Types only: no Node, DOM or Electron imports. The core validates these shapes with zod.
 */

/** `always` answers without forwarding; `fallback` answers only when the target fails; `off` never answers. */
export type MockMode = 'always' | 'fallback' | 'off';

export const MOCK_MODES: readonly MockMode[] = ['always', 'fallback', 'off'];

/** A condition on the request body, addressed by a JSON pointer such as `/message/call/id`. */
export interface MockCondition {
  pointer: string;
  /** The value at the pointer deep-equals this JSON value. */
  equals?: unknown;
  /** The string at the pointer contains this text, or the array at the pointer has an element equal to it. */
  contains?: unknown;
  /** True: the pointer resolves to a value. False: it resolves to nothing. */
  exists?: boolean;
}

/** What a request must carry for a rule to answer it; every given field must match. */
export interface MockMatch {
  /** The `message.type`, such as `tool-calls` or `assistant-request`. */
  type: string;
  /** For `tool-calls`: the function name of one tool call; the rule answers that call only. */
  tool?: string;
  /** `message.phoneNumber.number`: your Vapi number (the called number on inbound calls). */
  phoneNumber?: string;
  /** `message.customer.number`: the caller on inbound calls, the called party on outbound calls. */
  customerNumber?: string;
  /** The assistant's id or name. */
  assistant?: string;
  /** The request path; `*` matches any run of characters. */
  path?: string;
  /** Conditions on the body; all of them must hold. */
  when?: MockCondition | MockCondition[];
}

/** A whole HTTP reply. `body` is a JSON value, or a string sent as it is. */
export interface MockResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * One answer. For `tool-calls` rules: `result` or `error` (and optionally `message`) for one tool
 * call, which Switchboard wraps in the `results` envelope; or a whole `response`. For other events:
 * a `response`.
 */
export interface MockAnswer {
  result?: string;
  error?: string;
  /** For `tool-calls`: the message Vapi speaks with the result, such as `{"type": "request-complete", "content": "Done."}`. */
  message?: unknown;
  response?: MockResponse;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

/** The behaviour once a sequence has given its last answer: give the last one again, or start over. */
export type SequenceEnd = 'repeat-last' | 'restart';

/** One mock rule as users write it in a rule file. */
export interface MockRule extends MockAnswer {
  name: string;
  match: MockMatch;
  mode: MockMode;
  /** Answers given in turn within one call: the first request of the call gets the first answer, and so on. */
  sequence?: MockAnswer[];
  sequenceEnd?: SequenceEnd;
}

/** The format of a rule file, for import, export and `switchboard listen --mocks`. */
export interface MockRuleFile {
  rules: MockRule[];
}

/** A stored rule. */
export interface MockRuleRecord {
  id: number;
  /** 0-based place in the rule order; the first matching rule wins. */
  position: number;
  rule: MockRule;
  /** The mode to restore when a rule that was switched off is switched on again. */
  resumeMode: Exclude<MockMode, 'off'>;
  /** The match in words, such as `tool-calls for tool "check_availability"`. */
  description: string;
  /**
   * The 1-based number of an earlier switched-on rule whose match covers this one, or null.
   * Such a rule matches first, so this one never answers.
   */
  shadowedBy: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A problem in a rule definition: where it is and how to fix it. */
export interface MockRuleProblem {
  /** 0-based index of the rule in the file, or null for the file as a whole. */
  index: number | null;
  ruleName: string | null;
  /** Dotted path of the field, such as `match.type`. */
  field: string;
  message: string;
}

/** A starting point offered by the rule editor. */
export interface MockRuleExample {
  title: string;
  rule: MockRule;
}
