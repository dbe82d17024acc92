/**
 * Data objects shared by the core, the control API and the renderer.
 * This module holds types only: no Node, DOM or Electron imports.
 */

/** What happened to one received request. */
export type Outcome =
  /** Recorded and still waiting for the target. */
  | 'pending'
  /** The target answered and its reply was relayed (any status below 500). */
  | 'forwarded'
  /** The target answered 5xx, or its connection broke after the reply started. */
  | 'target_error'
  /** The target did not answer within the timeout for this event type. */
  | 'target_timeout'
  /** Nothing accepted the connection at the target address. */
  | 'target_unreachable'
  /** Switchboard answered itself without forwarding (body too large, for example). */
  | 'rejected'
  /** Switchboard stopped, or the caller went away, before the exchange finished. */
  | 'interrupted'
  /** A mock rule answered. */
  | 'mocked';

export const OUTCOMES: readonly Outcome[] = [
  'pending',
  'forwarded',
  'target_error',
  'target_timeout',
  'target_unreachable',
  'rejected',
  'interrupted',
  'mocked',
];

/** A header as received: the name keeps its case, and repeated names stay separate entries. */
export type HeaderPair = [name: string, value: string];

/** Fields read from the Vapi envelope `{"message": {...}}`; each is null when absent. */
export interface VapiFields {
  type: string | null;
  callId: string | null;
  toolNames: string[];
  toolCallIds: string[];
  customerNumber: string | null;
  phoneNumber: string | null;
  assistantId: string | null;
  assistantName: string | null;
}

/** A problem found in a reply that Vapi would reject or ignore. */
export interface ReplyCheck {
  code: string;
  /** What is wrong, where, and the fix. */
  message: string;
  /** `failure`: Vapi rejects or ignores the reply. `warning`: Vapi accepts it, but it is risky. Absent in records made before severities existed. */
  severity?: CheckSeverity;
  /** JSON pointer into the reply body where the problem is, such as `/results/0/toolCallId`; absent when it concerns the whole reply. */
  pointer?: string;
}

export type CheckSeverity = 'warning' | 'failure';

/** Result of checking the authentication of a received request. */
export type AuthState = 'valid' | 'invalid' | 'missing' | 'empty' | 'not_configured';

/** Where an exchange came from. */
export type ExchangeSource = 'received' | 'replay' | 'simulated';

/** One row of the exchange list: everything but headers and bodies. */
export interface ExchangeSummary extends VapiFields {
  id: number;
  /** Epoch milliseconds when the request arrived. */
  receivedAt: number;
  method: string;
  path: string;
  /** The query string without its leading `?`, or '' when there is none. */
  query: string;
  requestSize: number;
  targetUrl: string | null;
  status: number | null;
  responseSize: number | null;
  /** From arrival to the last byte of the reply. */
  durationMs: number | null;
  /** From the start of the forward to the last byte of the target's reply. */
  targetDurationMs: number | null;
  outcome: Outcome;
  errorCode: string | null;
  errorMessage: string | null;
  /** Name of the mock rule that answered, when one did. */
  mockRule: string | null;
  /** Id of the exchange this one replays. */
  replayOf: number | null;
  source: ExchangeSource;
  /** True when the body or headers were edited before a replay. */
  edited: boolean;
  /** Problems found in the reply; empty when it looks right or was not checked. */
  checks: ReplyCheck[];
  auth: AuthState | null;
  authReason: string | null;
  /** How the outgoing request was signed (replays and simulations), or `stale` when an edit broke the original signature. */
  signature: string | null;
}

/** One exchange in full, bodies included as the exact bytes. */
export interface ExchangeDetail extends ExchangeSummary {
  requestHeaders: HeaderPair[];
  requestBody: Uint8Array;
  responseHeaders: HeaderPair[] | null;
  responseBody: Uint8Array | null;
  /** True when the stored response body stops at the body limit. */
  responseTruncated: boolean;
}

/** One call, built from the events that share `message.call.id`. */
export interface CallSummary {
  callId: string;
  firstSeenAt: number;
  lastSeenAt: number;
  customerNumber: string | null;
  phoneNumber: string | null;
  /** The latest `status-update` status, such as `in-progress` or `ended`. */
  status: string | null;
  /** Every status in the order it arrived. */
  statusHistory: string[];
  endedReason: string | null;
  /** Total cost in USD from the `end-of-call-report`, when one arrived. */
  cost: number | null;
  durationSeconds: number | null;
  exchangeCount: number;
}

/** Filters for listing exchanges; every field narrows the list. */
export interface ExchangeQuery {
  type?: string;
  callId?: string;
  outcome?: Outcome;
  status?: number;
  /** Free text matched against request and response bodies. */
  text?: string;
  /** Only exchanges with an id below this one, for paging from newest to oldest. */
  beforeId?: number;
  /** Only exchanges with an id above this one, for fetching what arrived since a known exchange. */
  afterId?: number;
  /** Only exchanges whose reply has problems listed in `checks`. */
  hasWarnings?: boolean;
  limit?: number;
}
