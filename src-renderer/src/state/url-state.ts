import { TOKEN_PARAM } from '../../../src-main/contract/api';
import { filterFromParams, filterToParams, type ExchangeFilter } from './filters';
import type { MainView } from './ui-store';

/** The view state kept in the address bar, so a reload or a shared link opens the same view. */
export interface LocationState {
  view: MainView;
  filter: ExchangeFilter;
  selectedId: number | null;
}

const VIEWS: readonly MainView[] = ['exchanges', 'calls', 'settings'];

export function readLocation(search: string): LocationState {
  const params = new URLSearchParams(search);
  const view = params.get('view') as MainView | null;
  const selected = Number(params.get('id') ?? '');

  return {
    view: view !== null && VIEWS.includes(view) ? view : 'exchanges',
    filter: filterFromParams(params),
    selectedId: Number.isInteger(selected) && selected > 0 ? selected : null,
  };
}

/** Builds the query string for a view, keeping the token of a browser session so a reload still works. */
export function locationSearch(state: LocationState, currentSearch: string): string {
  const params = new URLSearchParams();
  const token = new URLSearchParams(currentSearch).get(TOKEN_PARAM);

  if (token !== null) params.set(TOKEN_PARAM, token);
  if (state.view !== 'exchanges') params.set('view', state.view);
  for (const [name, value] of filterToParams(state.filter)) params.set(name, value);
  if (state.selectedId !== null) params.set('id', String(state.selectedId));

  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
