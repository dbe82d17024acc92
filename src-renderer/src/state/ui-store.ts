import { useStore, type StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';

/** The main area: the exchange list, one call's timeline, the mock rules, or the settings page. */
export type MainView = 'exchanges' | 'calls' | 'mocks' | 'settings';

/** How long a toast stays, in milliseconds. */
const TOAST_MS = 1_800;

export interface UiState {
  view: MainView;
  /** A short confirmation such as "Copied", shown at the bottom right. */
  toast: string | null;
  setView(view: MainView): void;
  showToast(text: string): void;
}

export const createUiState: StateCreator<UiState> = (set, get) => ({
  view: 'exchanges',
  toast: null,

  setView: (view) => set({ view }),

  showToast: (text) => {
    set({ toast: text });
    setTimeout(() => {
      if (get().toast === text) set({ toast: null });
    }, TOAST_MS);
  },
});

export const uiStore = createStore<UiState>()(createUiState);

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector);
}

/** Copies text to the clipboard and confirms it with a toast. */
export async function copyText(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    uiStore.getState().showToast(`Copied ${what}`);
  } catch {
    uiStore.getState().showToast(`Copying failed: the browser blocked clipboard access`);
  }
}
