import { useStore, type StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ExchangeComparison, ReplayDraft, ReplayRequest } from '../../../src-main/contract/replay';
import { uiStore } from '../state/ui-store';
import { fetchComparison, fetchReplayDraft, sendReplay } from './replay-api';
import { messageOf } from '../format/error-message';

/** What the replay dialog shows. */
export type ReplayDialog =
  | { kind: 'closed' }
  | { kind: 'editing'; exchangeId: number; draft: ReplayDraft | null }
  | { kind: 'comparing'; leftId: number; rightId: number; comparison: ExchangeComparison | null };

export interface ReplayState {
  dialog: ReplayDialog;
  /** True while a replay is on its way to the target. */
  sending: boolean;
  error: string | null;
  /** Sends an exchange again as recorded, then compares the reply with the original's. */
  replay(exchangeId: number): Promise<void>;
  /** Opens the editor with the recorded request. */
  edit(exchangeId: number): Promise<void>;
  /** Sends the edited request from the open editor, then compares the replies. */
  sendEdited(request: ReplayRequest): Promise<void>;
  compare(leftId: number, rightId: number): Promise<void>;
  close(): void;
}

export const createReplayState: StateCreator<ReplayState> = (set, get) => {
  const sendAndCompare = async (exchangeId: number, request: ReplayRequest): Promise<void> => {
    set({ sending: true, error: null });

    try {
      const replay = await sendReplay(exchangeId, request);
      set({ sending: false });
      uiStore.getState().showToast(`Replayed #${exchangeId} as #${replay.id}`);
      await get().compare(exchangeId, replay.id);
    } catch (error) {
      set({ sending: false, error: messageOf(error) });
    }
  };

  return {
    dialog: { kind: 'closed' },
    sending: false,
    error: null,

    replay: (exchangeId) => sendAndCompare(exchangeId, {}),

    edit: async (exchangeId) => {
      set({ dialog: { kind: 'editing', exchangeId, draft: null }, error: null });

      try {
        const draft = await fetchReplayDraft(exchangeId);
        const dialog = get().dialog;
        if (dialog.kind === 'editing' && dialog.exchangeId === exchangeId) set({ dialog: { ...dialog, draft } });
      } catch (error) {
        set({ error: messageOf(error) });
      }
    },

    sendEdited: async (request) => {
      const dialog = get().dialog;
      if (dialog.kind !== 'editing') return;
      await sendAndCompare(dialog.exchangeId, request);
    },

    compare: async (leftId, rightId) => {
      set({ dialog: { kind: 'comparing', leftId, rightId, comparison: null }, error: null });

      try {
        const comparison = await fetchComparison(leftId, rightId);
        const dialog = get().dialog;
        if (dialog.kind === 'comparing' && dialog.leftId === leftId && dialog.rightId === rightId) set({ dialog: { ...dialog, comparison } });
      } catch (error) {
        set({ error: messageOf(error) });
      }
    },

    close: () => set({ dialog: { kind: 'closed' }, error: null }),
  };
};

export const replayStore = createStore<ReplayState>()(createReplayState);

export function useReplay<T>(selector: (state: ReplayState) => T): T {
  return useStore(replayStore, selector);
}
