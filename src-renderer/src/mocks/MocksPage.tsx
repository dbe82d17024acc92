import { useEffect, useRef, useState } from 'react';
import { RuleEditor } from './RuleEditor';
import { RuleList } from './RuleList';
import { mocksApi } from './mocks-api';
import { mocksStore, useMocks } from './mocks-store';
import './mocks.css';

/** Saves the stored rules as a rule file through the browser's download. */
async function downloadRules(): Promise<void> {
  const file = await mocksApi.exportFile();
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'mock-rules.json';
  link.click();
  URL.revokeObjectURL(url);
}

function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const [replace, setReplace] = useState(false);
  const [result, setResult] = useState<string | null>(null);

  const onFile = async (file: File | undefined): Promise<void> => {
    if (file === undefined) return;
    const summary = await mocksStore.getState().importText(await file.text(), replace);
    setResult(summary === null ? null : `Imported ${file.name}: ${summary}.`);
    if (input.current !== null) input.current.value = '';
  };

  return (
    <span className="mock-import">
      <button className="icon-button" onClick={() => input.current?.click()}>
        Import…
      </button>
      <label className="muted" title="Remove stored rules that are not in the file">
        <input type="checkbox" checked={replace} onChange={(event) => setReplace(event.target.checked)} /> replace all
      </label>
      <input ref={input} type="file" accept="application/json,.json" hidden onChange={(event) => void onFile(event.target.files?.[0])} />
      {result !== null && <span className="saved">{result}</span>}
    </span>
  );
}

/** The Mocks page: the rules in order, switches, reordering, the JSON editor, import and export. */
export function MocksPage() {
  const examples = useMocks((state) => state.examples);
  const error = useMocks((state) => state.error);

  useEffect(() => {
    void mocksStore.getState().load();
  }, []);

  const onExample = (index: string): void => {
    const example = examples[Number(index)];
    if (example !== undefined) mocksStore.getState().openNew(example.rule);
  };

  return (
    <div className="mocks-page" data-testid="mocks-page">
      <div className="mocks-toolbar">
        <h2>Mock rules</h2>
        <span className="muted">Tried in order; the first matching rule answers.</span>
        <span className="mocks-toolbar-buttons">
          <select className="icon-button" aria-label="New rule from an example" value="" onChange={(event) => onExample(event.target.value)} data-testid="new-rule">
            <option value="" disabled>
              New rule…
            </option>
            {examples.map((example, index) => (
              <option key={example.title} value={index}>
                {example.title}
              </option>
            ))}
          </select>
          <ImportButton />
          <button className="icon-button" onClick={() => void downloadRules()}>
            Export
          </button>
        </span>
      </div>
      {error !== null && (
        <p className="error-line mock-error" role="alert">
          {error}
        </p>
      )}
      <div className="mocks-layout">
        <RuleList />
        <RuleEditor />
      </div>
    </div>
  );
}
