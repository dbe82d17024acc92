import { createStore } from 'zustand/vanilla';
import type { PruneReport } from '../../../src-main/contract/history';
import { callApi } from '../api/control-client';
import { messageOf } from '../format/error-message';

export type ClearStep = { step: 'idle' } | { step: 'confirming' } | { step: 'clearing' } | { step: 'done'; report: PruneReport } | { step: 'failed'; message: string };

export interface ClearHistoryState {
  current: ClearStep;
  confirm(): void;
  cancel(): void;
  /** Asks the core to clear the history. A clear already running is not started again. */
  clear(): Promise<void>;
}

/**
 * The state of a history clear, kept outside the Settings page, so a user who leaves the page
 * while a long clear runs finds it still running, or its result, on return.
 */
export const clearHistoryStore = createStore<ClearHistoryState>((set, get) => ({
  current: { step: 'idle' },

  confirm: () => set({ current: { step: 'confirming' } }),

  cancel: () => set({ current: { step: 'idle' } }),

  clear: async () => {
    if (get().current.step === 'clearing') {
      return;
    }

    set({ current: { step: 'clearing' } });

    try {
      const report = await callApi<PruneReport>('/api/history/clear', { method: 'POST' });
      set({ current: { step: 'done', report } });
    } catch (error) {
      set({ current: { step: 'failed', message: messageOf(error) } });
    }
  },
}));
