import type { CallReport, CostItem } from '../contract/inspector';
import { callFactsOf } from './call-facts';
import type { JsonObject } from './vapi-event';

function objectOrEmpty(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

function stringOrNull(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Components of `costBreakdown` in the order the chart shows them. */
const BREAKDOWN_COMPONENTS = ['stt', 'llm', 'tts', 'transport', 'vapi', 'chat'] as const;

/** `costs[].type` names mapped to the `costBreakdown` component they belong to. */
const COST_TYPE_COMPONENT: Record<string, string> = {
  transcriber: 'stt',
  model: 'llm',
  voice: 'tts',
  transport: 'transport',
  vapi: 'vapi',
  analysis: 'analysis',
  chat: 'chat',
};

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Cost items from `costBreakdown` {stt, llm, ...}, with the analysis costs summed into one item. */
function itemsFromBreakdown(breakdown: JsonObject): CostItem[] {
  const items: CostItem[] = [];

  for (const component of BREAKDOWN_COMPONENTS) {
    const cost = finite(breakdown[component]);
    if (cost !== null) items.push({ component, cost });
  }

  const analysis = objectOrEmpty(breakdown.analysisCostBreakdown);
  const analysisCost = ['summary', 'structuredData', 'successEvaluation'].reduce((sum, key) => sum + (finite(analysis[key]) ?? 0), 0);

  if (analysisCost > 0) {
    items.push({ component: 'analysis', cost: analysisCost });
  }

  return items;
}

/** Cost items from the `costs` array, summed per component. */
function itemsFromCosts(costs: unknown[]): CostItem[] {
  const totals = new Map<string, number>();

  for (const entry of costs) {
    const item = objectOrEmpty(entry);
    const cost = finite(item.cost);
    const type = typeof item.type === 'string' ? item.type : 'other';

    if (cost !== null) {
      const component = COST_TYPE_COMPONENT[type] ?? type;
      totals.set(component, (totals.get(component) ?? 0) + cost);
    }
  }

  return [...totals].map(([component, cost]) => ({ component, cost }));
}

/**
 * Reads the facts an `end-of-call-report` carries about its call. Current reports nest the fields under
 * `analysis`, `artifact` and `call.costBreakdown`; older ones put them at the top of `message`, so
 * the nested field is read first.
 */
export function callReportOf(message: JsonObject, exchangeId: number): CallReport {
  const analysis = objectOrEmpty(message.analysis);
  const artifact = objectOrEmpty(message.artifact);
  const call = objectOrEmpty(message.call);
  const facts = callFactsOf(message);
  const breakdown = objectOrEmpty(call.costBreakdown ?? message.costBreakdown);
  const fromBreakdown = itemsFromBreakdown(breakdown);
  const recording = objectOrEmpty(objectOrEmpty(artifact.recording).mono);

  return {
    exchangeId,
    endedReason: facts.endedReason ?? null,
    summary: stringOrNull(analysis.summary) ?? stringOrNull(message.summary),
    structuredData: analysis.structuredData ?? null,
    successEvaluation: stringOrNull(analysis.successEvaluation),
    durationSeconds: facts.durationSeconds ?? null,
    cost: facts.cost ?? null,
    costBreakdown: fromBreakdown.length > 0 ? fromBreakdown : itemsFromCosts(Array.isArray(message.costs) ? message.costs : []),
    recordingUrl: stringOrNull(artifact.recordingUrl) ?? stringOrNull(recording.combinedUrl) ?? stringOrNull(message.recordingUrl),
  };
}
