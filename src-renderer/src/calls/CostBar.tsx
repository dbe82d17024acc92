import type { CostItem } from '../../../src-main/contract/inspector';
import { formatCost } from '../format/format';

/** Hues of the cost components, kept apart from the event colours so the chart reads on its own. */
const COMPONENT_HUES: Record<string, number> = { stt: 200, llm: 265, tts: 150, transport: 30, vapi: 340, analysis: 50, chat: 100 };

const COMPONENT_LABELS: Record<string, string> = {
  stt: 'speech to text',
  llm: 'LLM',
  tts: 'text to speech',
  transport: 'transport',
  vapi: 'Vapi',
  analysis: 'analysis',
  chat: 'chat',
};

/** A stacked bar of the call's cost by component, with a legend that gives each amount. */
export function CostBar({ items, total }: { items: CostItem[]; total: number | null }) {
  const sum = items.reduce((running, item) => running + item.cost, 0);
  if (items.length === 0 || sum <= 0) return <p className="muted">No cost breakdown in the report.</p>;

  return (
    <div data-testid="cost-bar">
      <div className="cost-bar" role="img" aria-label={items.map((item) => `${item.component} ${formatCost(item.cost)}`).join(', ')}>
        {items
          .filter((item) => item.cost > 0)
          .map((item) => (
            <span key={item.component} title={`${COMPONENT_LABELS[item.component] ?? item.component}: ${formatCost(item.cost)}`} style={{ width: `${(item.cost / sum) * 100}%`, background: `hsl(${COMPONENT_HUES[item.component] ?? 0} 60% 55%)` }} />
          ))}
      </div>
      <div className="cost-legend">
        {items.map((item) => (
          <span key={item.component}>
            <span className="swatch" style={{ background: `hsl(${COMPONENT_HUES[item.component] ?? 0} 60% 55%)` }} />
            {COMPONENT_LABELS[item.component] ?? item.component} {formatCost(item.cost)}
          </span>
        ))}
        {total !== null && <strong>total {formatCost(total)}</strong>}
      </div>
    </div>
  );
}
