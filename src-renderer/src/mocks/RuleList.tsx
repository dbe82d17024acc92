import type { MockRuleRecord } from '../../../src-main/contract/mocks';
import { formatCountOf } from '../format/format';
import { mocksStore, useMocks } from './mocks-store';

const MODE_WORDS: Record<string, string> = {
  always: 'always answers',
  fallback: 'answers when the target fails',
  off: 'off',
};

function RuleRow({ record, count }: { record: MockRuleRecord; count: number }) {
  const { setEnabled, move, remove, openEdit } = mocksStore.getState();
  const on = record.rule.mode !== 'off';
  const mode = on ? record.rule.mode : record.resumeMode;

  const onDelete = (): void => {
    if (window.confirm(`Delete the mock rule "${record.rule.name}"?`)) void remove(record.id);
  };

  return (
    <li className={on ? 'mock-rule' : 'mock-rule mock-rule-off'} data-testid="mock-rule">
      <span className="num muted">{record.position + 1}</span>
      <button
        className={on ? 'mock-switch on' : 'mock-switch'}
        role="switch"
        aria-checked={on}
        aria-label={`${on ? 'Switch off' : 'Switch on'} ${record.rule.name}`}
        title={on ? 'On: click to switch off' : `Off: click to switch back on (${record.resumeMode})`}
        onClick={() => void setEnabled(record.id, !on)}
      >
        {on ? 'On' : 'Off'}
      </button>
      <span className="mock-rule-text">
        <span className="mock-rule-name">{record.rule.name}</span>
        <span className="mock-rule-match" data-testid="mock-rule-match">
          {record.description} ·{' '}
          {on && record.shadowedBy !== null ? (
            <span className="tone-warning" data-testid="mock-rule-shadowed" title={`Rule ${record.shadowedBy} matches every request this rule matches. Move this rule above it (↑) to let it answer.`}>
              never answers: rule {record.shadowedBy} matches first (move it up)
            </span>
          ) : (
            <span className={on ? 'tone-mocked' : 'muted'}>{on ? MODE_WORDS[mode] : `off (was ${mode})`}</span>
          )}
          {record.rule.sequence !== undefined && <span className="muted"> · {formatCountOf(record.rule.sequence.length, 'answer')} in turn</span>}
          {record.rule.delayMs !== undefined && record.rule.delayMs > 0 && <span className="muted"> · {record.rule.delayMs} ms delay</span>}
        </span>
      </span>
      <span className="mock-rule-buttons">
        <button className="icon-button" aria-label={`Move ${record.rule.name} up`} title="Move up" disabled={record.position === 0} onClick={() => void move(record.id, record.position - 1)}>
          ↑
        </button>
        <button className="icon-button" aria-label={`Move ${record.rule.name} down`} title="Move down" disabled={record.position === count - 1} onClick={() => void move(record.id, record.position + 1)}>
          ↓
        </button>
        <button className="icon-button" onClick={() => openEdit(record)}>
          Edit
        </button>
        <button className="icon-button" aria-label={`Delete ${record.rule.name}`} onClick={onDelete}>
          Delete
        </button>
      </span>
    </li>
  );
}

/** The stored rules in the order they are tried, with their match in words. */
export function RuleList() {
  const rules = useMocks((state) => state.rules);
  const loading = useMocks((state) => state.loading);

  if (rules.length === 0) {
    return (
      <div className="mock-empty">
        <p>{loading ? 'Loading…' : 'No mock rules yet.'}</p>
        <p className="muted">
          Start from an example with <strong>New rule</strong>, import a rule file, or pick an exchange and use <strong>Mock from this</strong> (m) to answer like
          its recorded reply.
        </p>
      </div>
    );
  }

  return (
    <ol className="mock-rules" aria-label="Mock rules, first match wins">
      {rules.map((record) => (
        <RuleRow key={record.id} record={record} count={rules.length} />
      ))}
    </ol>
  );
}
