import type { PushEvent } from '../../../src-main/contract/api';
import type { CallSummary, ExchangeSummary } from '../../../src-main/contract/exchange';
import type { CallTimeline, ExchangeView } from '../../../src-main/contract/inspector';
import { mocksStore } from '../mocks/mocks-store';
import { callReplayStore } from '../replay/call-replay-store';
import { CALL_LIST_LIMIT, callsStore } from '../state/calls-store';
import { detailStore, timelineStore } from '../state/detail-store';
import { exchangesStore, OLDER_PAGE_SIZE, PAGE_SIZE } from '../state/exchanges-store';
import { filterToParams } from '../state/filters';
import { EMPTY_MARK, markLoaded, watchHistory, type HistoryMark } from '../state/history-watch';
import { runtimeStore } from '../state/runtime-store';
import { ApiError, callApi } from './control-client';
import { LiveConnection } from './live-connection';
import { messageOf } from '../format/error-message';

/** Shortest gap between two refreshes of the same view while events stream in, in milliseconds. */
const REFRESH_GAP_MS = 400;

/** Runs `work` at most once per `gapMs`; calls during the gap collapse into one trailing run. */
function throttle(work: () => void, gapMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;

  return () => {
    if (timer !== null) return;
    const wait = Math.max(0, last + gapMs - Date.now());
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      work();
    }, wait);
  };
}

/** The history as the page last saw it, to notice exchanges deleted by this or another process. */
let historyMark: HistoryMark = EMPTY_MARK;

/** Fetches the newest page for the current filter, replacing the list. */
export async function loadFirstPage(): Promise<void> {
  const { generation, filter, startLoading, receivePage, failLoading } = exchangesStore.getState();
  startLoading();

  try {
    const params = filterToParams(filter);
    params.set('limit', String(PAGE_SIZE));
    const page = await callApi<ExchangeSummary[]>(`/api/exchanges?${params}`);
    historyMark = markLoaded(historyMark, page[0]);
    receivePage(generation, page, true);
  } catch (error) {
    failLoading(generation, messageOf(error));
  }
}

/** Fetches the page of rows older than the last one shown. */
export async function loadMore(): Promise<void> {
  const { generation, filter, rows, hasMore, loading, startLoading, receivePage, failLoading } = exchangesStore.getState();
  const last = rows[rows.length - 1];

  if (!hasMore || loading || last === undefined) return;
  startLoading();

  try {
    const params = filterToParams(filter);
    params.set('limit', String(OLDER_PAGE_SIZE));
    params.set('before', String(last.id));
    receivePage(generation, await callApi<ExchangeSummary[]>(`/api/exchanges?${params}`), false);
  } catch (error) {
    failLoading(generation, messageOf(error));
  }
}

/** With a text filter, fetches the exchanges above `searchAfterId` that match it, because only the database can match text. */
const refreshSearch = throttle(() => {
  const { generation, filter, searchAfterId, receiveNewer } = exchangesStore.getState();
  if (searchAfterId === null) return;
  const params = filterToParams(filter);
  params.set('after', String(searchAfterId));
  params.set('limit', String(PAGE_SIZE));

  void callApi<ExchangeSummary[]>(`/api/exchanges?${params}`)
    .then((newer) => {
      receiveNewer(generation, searchAfterId, newer);
      if (exchangesStore.getState().searchAfterId !== null) refreshSearch();
    })
    .catch(() => undefined);
}, REFRESH_GAP_MS);

export async function loadCalls(): Promise<void> {
  try {
    // Requesting one call past the limit shows whether the history contains more than the sidebar lists.
    const calls = await callApi<CallSummary[]>(`/api/calls?limit=${CALL_LIST_LIMIT + 1}`);
    callsStore.getState().receiveList(calls.slice(0, CALL_LIST_LIMIT), calls.length > CALL_LIST_LIMIT);
  } catch {
    // The connection banner already reports an unreachable core; the list refills on reconnect.
  }
}

/** Opens an exchange in the detail pane, or closes the pane with null. */
export async function loadDetail(id: number | null): Promise<void> {
  const { begin, receive, fail } = detailStore.getState();
  begin(id);
  if (id === null) return;

  try {
    receive(id, await callApi<ExchangeView>(`/api/exchanges/${id}/view`));
  } catch (error) {
    fail(id, messageOf(error));
  }
}

/** Opens a call's timeline, or clears it with null. */
export async function loadTimeline(callId: string | null): Promise<void> {
  const { begin, receive, fail } = timelineStore.getState();
  begin(callId);
  if (callId === null) return;

  try {
    receive(callId, await callApi<CallTimeline>(`/api/calls/${encodeURIComponent(callId)}/timeline`));
  } catch (error) {
    fail(callId, messageOf(error));
  }
}

const refreshDetail = throttle(() => void loadDetail(detailStore.getState().key), REFRESH_GAP_MS);
const refreshTimeline = throttle(() => void loadTimeline(timelineStore.getState().key), REFRESH_GAP_MS);

/**
 * Starts the list and the calls over after exchanges were deleted. After a clear the ids start
 * again at 1, so the open exchange and call are closed rather than shown under a reused id.
 */
function reloadHistory(restarted: boolean): void {
  if (restarted) {
    exchangesStore.getState().select(null);
    void loadTimeline(null);
  } else {
    refreshDetail();
    refreshTimeline();
  }

  exchangesStore.getState().restartList();
  void loadCalls();
}

function applyEvents(events: PushEvent[]): void {
  const watched = watchHistory(historyMark, events);
  historyMark = watched.mark;

  if (watched.deletion !== null) {
    runtimeStore.getState().receivePush(events);
    mocksStore.getState().receivePush(events);
    reloadHistory(watched.deletion === 'restarted');
    return;
  }

  exchangesStore.getState().receivePush(events);
  callsStore.getState().receivePush(events);
  runtimeStore.getState().receivePush(events);
  callReplayStore.getState().receivePush(events);
  mocksStore.getState().receivePush(events);

  if (exchangesStore.getState().searchAfterId !== null) refreshSearch();

  const detailId = detailStore.getState().key;
  const callId = timelineStore.getState().key;

  for (const event of events) {
    if (event.kind === 'exchange-finished' && event.exchange.id === detailId) refreshDetail();
    if (event.kind === 'exchange-finished' && callId !== null && event.exchange.callId === callId) refreshTimeline();
    if (event.kind === 'call-updated' && event.call.callId === callId) refreshTimeline();
  }
}

/**
 * Asks the API why the socket closed. A 401 means Switchboard restarted with a new per-launch
 * token, which this page cannot learn, so retrying stops and the banner tells the user to open the new URL.
 * Any other failure keeps the automatic retries going.
 */
async function diagnoseClose(connection: LiveConnection, retryAt: number): Promise<void> {
  try {
    await callApi('/api/runtime');
    runtimeStore.getState().setConnection('reconnecting', retryAt, null);
  } catch (error) {
    if (runtimeStore.getState().connection === 'open') return;

    if (error instanceof ApiError && error.code === 'unauthorized') {
      connection.stop();
      runtimeStore.getState().setConnection('token-rejected', null, error.message);
      return;
    }

    const message = error instanceof ApiError ? error.message : messageOf(error);
    runtimeStore.getState().setConnection('reconnecting', retryAt, message);
  }
}

/** Connects to the core and keeps every store current until `stop` is called. */
export function startSync(): LiveConnection {
  const connection = new LiveConnection({
    onEvents: applyEvents,
    onOpen: (reconnected) => {
      runtimeStore.getState().setConnection('open');

      // Exchanges recorded after the first load but before the socket opened were pushed to no
      // one, so the list and the calls are read again once pushes flow.
      void loadFirstPage();
      void loadCalls();

      if (reconnected) {
        void loadDetail(detailStore.getState().key);
        void loadTimeline(timelineStore.getState().key);
      }
    },
    onClose: (retryAt) => {
      runtimeStore.getState().setConnection('reconnecting', retryAt, runtimeStore.getState().connectionError);
      void diagnoseClose(connection, retryAt);
    },
  });

  connection.start();
  void loadFirstPage();
  void loadCalls();
  return connection;
}
