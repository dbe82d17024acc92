import { useEffect, useRef } from 'react';
import { openJsonEditor } from '../replay/json-editor';
import { mocksStore, useMocks } from './mocks-store';

/** The CodeMirror view; it is created once per editor session and reports every change to the store. */
function CodeArea({ session, text }: { session: number; text: string }) {
  const parent = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (parent.current === null) return;
    const view = openJsonEditor({ text, parent: parent.current, onChange: (next) => mocksStore.getState().setText(next) });
    view.focus();
    return () => view.destroy();
    // The view owns the text after it opens; a new session starts a new view.
  }, [session]);

  return <div className="mock-code" ref={parent} data-testid="mock-rule-code" />;
}

/** Edits one rule as JSON, with the core's validation shown as the user types. */
export function RuleEditor() {
  const editor = useMocks((state) => state.editor);

  if (editor.kind !== 'open') return null;

  const { save, close, openDraft } = mocksStore.getState();
  const valid = editor.problems.length === 0 && editor.description !== null;

  return (
    <section className="mock-editor" aria-label="Rule editor" data-testid="mock-editor">
      <div className="mock-editor-head">
        <h3>{editor.id === null ? 'New rule' : 'Edit rule'}</h3>
        {editor.draftOf !== null && (
          <label className="muted">
            Draft for tool{' '}
            <select
              defaultValue={(JSON.parse(editor.text) as { match?: { tool?: string } }).match?.tool}
              onChange={(event) => void openDraft((editor.draftOf as { exchangeId: number }).exchangeId, event.target.value)}
            >
              {editor.draftOf.tools.map((tool) => (
                <option key={tool}>{tool}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      <CodeArea session={editor.session} text={editor.text} />
      {valid ? (
        <>
          <p className="mock-valid" data-testid="mock-rule-valid">
            ✓ Matches {editor.description}
          </p>
          {editor.shadowedBy !== null && (
            <p className="tone-warning" data-testid="mock-rule-shadowed-warning">
              This rule will never answer: rule {editor.shadowedBy} matches every request it matches and comes first. After saving, move it above rule {editor.shadowedBy}.
            </p>
          )}
        </>
      ) : (
        <ul className="checks" data-testid="mock-rule-problems">
          {editor.problems.map((problem, index) => (
            <li key={index}>
              {problem.field === '' ? '' : <span className="mono">{problem.field}: </span>}
              {problem.message}
            </li>
          ))}
        </ul>
      )}
      <p className="muted mock-hint">
        Templates: <span className="mono">{'{{arguments.x}}'}</span>, <span className="mono">{'{{toolCall.id}}'}</span>, <span className="mono">{'{{call.id}}'}</span>,{' '}
        <span className="mono">{'{{customer.number}}'}</span>, <span className="mono">{'{{/json/pointer}}'}</span>. The full format is in docs/mock-rules.md.
      </p>
      <div className="mock-editor-buttons">
        <button className="icon-button" onClick={close}>
          Cancel
        </button>
        <button className="primary-button" disabled={!valid || editor.saving} onClick={() => void save()}>
          {editor.saving ? 'Saving…' : 'Save rule'}
        </button>
      </div>
    </section>
  );
}
