import { useStore, type StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { PushEvent } from '../../../src-main/contract/api';
import type { MockRule, MockRuleExample, MockRuleProblem, MockRuleRecord } from '../../../src-main/contract/mocks';
import { mocksApi } from './mocks-api';
import { messageOf } from '../format/error-message';

/** The rule editor: closed, or editing the text of a new or a stored rule. */
export type RuleEditor =
  | { kind: 'closed' }
  | {
      kind: 'open';
      /** Changes each time the editor opens, so the code editor starts over with the new text. */
      session: number;
      /** The stored rule being edited, or null for a new one. */
      id: number | null;
      text: string;
      /** Problems found in the text: a JSON syntax error, or what the core reported. */
      problems: MockRuleProblem[];
      description: string | null;
      /** The 1-based number of a stored rule that matches first, so this one would never answer. */
      shadowedBy: number | null;
      saving: boolean;
      /** For a rule drafted from a `tool-calls` exchange: the exchange and every tool it could cover. */
      draftOf: { exchangeId: number; tools: string[] } | null;
    };

export interface MocksState {
  rules: MockRuleRecord[];
  examples: MockRuleExample[];
  loading: boolean;
  /** The last failed action, shown above the list until the next action. */
  error: string | null;
  editor: RuleEditor;
  load(): Promise<void>;
  receivePush(events: PushEvent[]): void;
  setEnabled(id: number, enabled: boolean): Promise<void>;
  move(id: number, position: number): Promise<void>;
  remove(id: number): Promise<void>;
  openNew(rule: MockRule): void;
  openEdit(record: MockRuleRecord): void;
  openDraft(exchangeId: number, tool?: string): Promise<void>;
  setText(text: string): void;
  save(): Promise<boolean>;
  close(): void;
  importText(text: string, replace: boolean): Promise<string | null>;
}

function textOf(rule: MockRule): string {
  return JSON.stringify(rule, null, 2);
}

let sessions = 0;

function openEditor(id: number | null, rule: MockRule, draftOf: { exchangeId: number; tools: string[] } | null): RuleEditor {
  sessions += 1;
  return { kind: 'open', session: sessions, id, text: textOf(rule), problems: [], description: null, shadowedBy: null, saving: false, draftOf };
}

export const createMocksState: StateCreator<MocksState> = (set, get) => {
  let validation: AbortController | null = null;

  /** Asks the core what is wrong with the text; a later edit cancels an earlier check. */
  const validate = async (text: string): Promise<void> => {
    validation?.abort();
    let rule: unknown;

    try {
      rule = JSON.parse(text);
    } catch (error) {
      patchEditor({ problems: [{ index: null, ruleName: null, field: '', message: `The text is not valid JSON: ${messageOf(error)}` }], description: null, shadowedBy: null });
      return;
    }

    const controller = new AbortController();
    validation = controller;

    try {
      const editor = get().editor;
      const result = await mocksApi.validate(rule, editor.kind === 'open' ? editor.id : null, controller.signal);
      if (get().editor.kind === 'open' && (get().editor as { text: string }).text === text) patchEditor(result);
    } catch (error) {
      if ((error as Error).name !== 'AbortError') set({ error: messageOf(error) });
    }
  };

  const patchEditor = (patch: Partial<Extract<RuleEditor, { kind: 'open' }>>): void => {
    const editor = get().editor;
    if (editor.kind === 'open') set({ editor: { ...editor, ...patch } });
  };

  const run = async (work: () => Promise<unknown>): Promise<void> => {
    set({ error: null });

    try {
      await work();
      set({ rules: await mocksApi.list() });
    } catch (error) {
      set({ error: messageOf(error) });
    }
  };

  return {
    rules: [],
    examples: [],
    loading: false,
    error: null,
    editor: { kind: 'closed' },

    load: async () => {
      set({ loading: true, error: null });

      try {
        const [rules, examples] = await Promise.all([mocksApi.list(), mocksApi.examples()]);
        set({ rules, examples, loading: false });
      } catch (error) {
        set({ loading: false, error: messageOf(error) });
      }
    },

    receivePush: (events) => {
      for (const event of events) {
        if (event.kind === 'mock-rules-changed') set({ rules: event.rules });
      }
    },

    setEnabled: (id, enabled) => run(() => mocksApi.setEnabled(id, enabled)),
    move: (id, position) => run(() => mocksApi.move(id, position)),
    remove: (id) => run(() => mocksApi.remove(id)),

    openNew: (rule) => {
      set({ editor: openEditor(null, rule, null), error: null });
      void validate(textOf(rule));
    },

    openEdit: (record) => {
      set({ editor: openEditor(record.id, record.rule, null), error: null });
      void validate(textOf(record.rule));
    },

    openDraft: async (exchangeId, tool) => {
      set({ error: null });

      try {
        const draft = await mocksApi.draftFromExchange(exchangeId, tool);
        set({ editor: openEditor(null, draft.rule, draft.tools.length > 1 ? { exchangeId, tools: draft.tools } : null) });
        void validate(textOf(draft.rule));
      } catch (error) {
        set({ error: messageOf(error) });
      }
    },

    setText: (text) => {
      patchEditor({ text });
      void validate(text);
    },

    save: async () => {
      const editor = get().editor;
      if (editor.kind !== 'open') return false;
      patchEditor({ saving: true });

      try {
        const rule = JSON.parse(editor.text) as unknown;
        await (editor.id === null ? mocksApi.create(rule) : mocksApi.update(editor.id, rule));
        set({ editor: { kind: 'closed' }, rules: await mocksApi.list(), error: null });
        return true;
      } catch (error) {
        patchEditor({ saving: false });
        set({ error: messageOf(error) });
        return false;
      }
    },

    close: () => {
      validation?.abort();
      set({ editor: { kind: 'closed' } });
    },

    importText: async (text, replace) => {
      set({ error: null });

      try {
        const summary = await mocksApi.importFile(JSON.parse(text) as unknown, replace);
        set({ rules: await mocksApi.list() });
        return `${summary.added} added, ${summary.updated} updated${summary.removed > 0 ? `, ${summary.removed} removed` : ''}`;
      } catch (error) {
        set({ error: error instanceof SyntaxError ? `The file is not valid JSON: ${error.message}` : messageOf(error) });
        return null;
      }
    },
  };
};

export const mocksStore = createStore<MocksState>()(createMocksState);

export function useMocks<T>(selector: (state: MocksState) => T): T {
  return useStore(mocksStore, selector);
}
