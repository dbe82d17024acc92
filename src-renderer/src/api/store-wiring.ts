import { detailStore } from '../state/detail-store';
import { exchangesStore } from '../state/exchanges-store';
import { locationSearch, readLocation } from '../state/url-state';
import { uiStore } from '../state/ui-store';
import { loadDetail, loadFirstPage } from './inspector-sync';

/**
 * Applies the address bar to the stores once, then keeps both in step. A new filter reloads the
 * list and a new selection loads the detail pane. Every change is written back to the URL, so a
 * reload or a shared link shows the same view.
 */
export function wireStores(): () => void {
  const initial = readLocation(window.location.search);
  uiStore.getState().setView(initial.view);
  exchangesStore.getState().setFilter(initial.filter);
  exchangesStore.getState().select(initial.selectedId);
  void loadDetail(initial.selectedId);

  const writeUrl = (): void => {
    const search = locationSearch(
      { view: uiStore.getState().view, filter: exchangesStore.getState().filter, selectedId: exchangesStore.getState().selectedId },
      window.location.search,
    );
    if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}`);
  };

  const stopExchanges = exchangesStore.subscribe((state, previous) => {
    if (state.generation !== previous.generation) void loadFirstPage();
    if (state.selectedId !== previous.selectedId && state.selectedId !== detailStore.getState().key) void loadDetail(state.selectedId);
    if (state.filter !== previous.filter || state.selectedId !== previous.selectedId) writeUrl();
  });

  const stopUi = uiStore.subscribe((state, previous) => {
    if (state.view !== previous.view) writeUrl();
  });

  return () => {
    stopExchanges();
    stopUi();
  };
}
