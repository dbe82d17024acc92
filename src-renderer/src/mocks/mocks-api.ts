import type { MockRule, MockRuleExample, MockRuleFile, MockRuleProblem, MockRuleRecord } from '../../../src-main/contract/mocks';
import { callApi } from '../api/control-client';

/** A rule drafted from a recorded exchange, with the tool names the draft could cover instead. */
export interface RuleDraft {
  rule: MockRule;
  tools: string[];
}

export interface RuleValidation {
  problems: MockRuleProblem[];
  /** The match in words when the rule is valid. */
  description: string | null;
  /** The 1-based number of a stored rule that would match first, or null. */
  shadowedBy: number | null;
}

export interface ImportSummary {
  added: number;
  updated: number;
  removed: number;
}

/** Calls of the `/api/mocks` routes. */
export const mocksApi = {
  list: () => callApi<MockRuleRecord[]>('/api/mocks'),
  examples: () => callApi<MockRuleExample[]>('/api/mocks/examples'),
  validate: (rule: unknown, id: number | null, signal?: AbortSignal) =>
    callApi<RuleValidation>('/api/mocks/validate', { method: 'POST', body: { rule, id }, ...(signal === undefined ? {} : { signal }) }),
  create: (rule: unknown) => callApi<MockRuleRecord>('/api/mocks', { method: 'POST', body: { rule } }),
  update: (id: number, rule: unknown) => callApi<MockRuleRecord>(`/api/mocks/${id}`, { method: 'PUT', body: { rule } }),
  setEnabled: (id: number, enabled: boolean) => callApi<MockRuleRecord>(`/api/mocks/${id}`, { method: 'PATCH', body: { enabled } }),
  move: (id: number, position: number) => callApi<MockRuleRecord>(`/api/mocks/${id}`, { method: 'PATCH', body: { position } }),
  remove: (id: number) => callApi<{ deleted: number }>(`/api/mocks/${id}`, { method: 'DELETE' }),
  importFile: (file: unknown, replace: boolean) => callApi<ImportSummary>('/api/mocks/import', { method: 'POST', body: { file, replace } }),
  exportFile: () => callApi<MockRuleFile>('/api/mocks/export'),
  draftFromExchange: (exchangeId: number, tool?: string) =>
    callApi<RuleDraft>(`/api/mocks/draft-from-exchange/${exchangeId}${tool === undefined ? '' : `?tool=${encodeURIComponent(tool)}`}`, { method: 'POST' }),
};
