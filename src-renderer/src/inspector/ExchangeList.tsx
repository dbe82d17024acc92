import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import { loadMore } from '../api/inspector-sync';
import { exchangesStore, useExchanges } from '../state/exchanges-store';
import { isEmptyFilter } from '../state/filters';
import { EmptyState } from '../shell/EmptyState';
import { ExchangeRow } from './ExchangeRow';

const ROW_HEIGHT = 28;

/** Distance from the top, in pixels, within which the list counts as scrolled to the top. */
const TOP_SLACK_PX = 4;

/** Distance from the end, in rows, at which the next older page is fetched. */
const PREFETCH_ROWS = 60;

/** The live, virtualized exchange list: only the rows in view exist in the DOM. */
export function ExchangeList() {
  const rows = useExchanges((state) => state.rows);
  const held = useExchanges((state) => state.held.length);
  const paused = useExchanges((state) => state.paused);
  const selectedId = useExchanges((state) => state.selectedId);
  const loaded = useExchanges((state) => state.loaded);
  const loading = useExchanges((state) => state.loading);
  const hasMore = useExchanges((state) => state.hasMore);
  const loadError = useExchanges((state) => state.loadError);
  const filter = useExchanges((state) => state.filter);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    getItemKey: (index) => rows[index]?.id ?? index,
  });

  const select = useCallback((id: number) => exchangesStore.getState().select(id), []);

  useEffect(() => {
    if (selectedId === null) return;
    const index = exchangesStore.getState().rows.findIndex((row) => row.id === selectedId);
    if (index !== -1) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasMore && loaded && !loading && rows.length > 0 && lastIndex >= rows.length - PREFETCH_ROWS) void loadMore();
  }, [lastIndex, rows.length, hasMore, loaded, loading]);

  const onScroll = (): void => {
    const element = scrollRef.current;
    if (element !== null) exchangesStore.getState().setAtTop(element.scrollTop <= TOP_SLACK_PX);
  };

  const showHeld = (): void => {
    exchangesStore.getState().showHeld();
    scrollRef.current?.scrollTo({ top: 0 });
  };

  if (loaded && rows.length === 0 && held === 0 && isEmptyFilter(filter)) {
    return <EmptyState />;
  }

  return (
    <div className="pane" style={{ position: 'relative' }}>
      <div className="list-header" role="row">
        <span>Time</span>
        <span>Event</span>
        <span>Call</span>
        <span>Tools</span>
        <span>Status</span>
        <span className="num">Duration</span>
      </div>
      {held > 0 && (
        <button className="pill" onClick={showHeld} data-testid="new-rows-pill">
          {paused ? `Paused · ${held} new` : `↑ ${held} new`}
        </button>
      )}
      <div ref={scrollRef} className="list" role="grid" aria-label="Exchanges" aria-rowcount={rows.length} onScroll={onScroll} data-testid="exchange-list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const exchange = rows[item.index];
            return exchange === undefined ? null : (
              <ExchangeRow key={item.key} exchange={exchange} top={item.start} selected={exchange.id === selectedId} onSelect={select} />
            );
          })}
        </div>
        {loaded && rows.length === 0 && <div className="list-foot">No exchanges match these filters. Press Esc or ⌫ Clear to see everything.</div>}
        {loadError !== null && <div className="list-foot error-line">Loading failed: {loadError}</div>}
        {loading && <div className="list-foot">Loading…</div>}
      </div>
    </div>
  );
}
