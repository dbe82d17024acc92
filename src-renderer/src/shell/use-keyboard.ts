import { useEffect } from 'react';
import { exchangesStore } from '../state/exchanges-store';
import { EMPTY_FILTER, isEmptyFilter } from '../state/filters';
import { uiStore } from '../state/ui-store';

/** True when the key belongs to a field or an editor, so list shortcuts must not fire. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, .cm-editor') !== null;
}

/**
 * Keyboard shortcuts: `j`/`k` or the arrow keys move through the list, `Enter` opens the detail
 * pane, `/` focuses search, and `Esc` closes the detail pane, then clears the filters.
 */
export function useKeyboard(searchRef: React.RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.metaKey || event.ctrlKey || event.altKey || typingIn(event.target)) return;
      const store = exchangesStore.getState();
      const view = uiStore.getState().view;

      if (event.key === '/') {
        event.preventDefault();
        // Focus at once when the field exists, so keys typed right after `/` land in it; after a
        // view switch the field only exists from the next frame.
        if (view === 'exchanges' && searchRef.current !== null) {
          searchRef.current.focus();
        } else {
          uiStore.getState().setView('exchanges');
          requestAnimationFrame(() => searchRef.current?.focus());
        }
      } else if (view === 'settings') {
        return;
      } else if (event.key === 'j' || event.key === 'ArrowDown') {
        event.preventDefault();
        store.moveSelection(1);
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        event.preventDefault();
        store.moveSelection(-1);
      } else if (event.key === 'Enter' && store.selectedId === null) {
        store.moveSelection(0);
      } else if (event.key === 'Escape') {
        if (store.selectedId !== null) store.select(null);
        else if (!isEmptyFilter(store.filter)) store.setFilter(EMPTY_FILTER);
      }
    };

    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchRef]);
}
