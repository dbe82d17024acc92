import { useEffect, useRef } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { controlToken } from './api/control-client';
import { startSync } from './api/inspector-sync';
import type { LiveConnection } from './api/live-connection';
import { wireStores } from './api/store-wiring';
import { CallsSidebar } from './calls/CallsSidebar';
import { CallView } from './calls/CallView';
import { DetailPane } from './inspector/DetailPane';
import { ExchangeList } from './inspector/ExchangeList';
import { FilterBar } from './inspector/FilterBar';
import { MocksPage } from './mocks/MocksPage';
import { AuthSettingsSection } from './auth/AuthSettingsSection';
import { SettingsPage } from './settings/SettingsPage';
import { ConnectionBanner } from './shell/ConnectionBanner';
import { StatusBar } from './shell/StatusBar';
import { TopBar } from './shell/TopBar';
import { useKeyboard } from './shell/use-keyboard';
import { useExchanges } from './state/exchanges-store';
import { useUi } from './state/ui-store';

function Toast() {
  const toast = useUi((state) => state.toast);
  return toast === null ? null : (
    <div className="toast" role="status">
      {toast}
    </div>
  );
}

function Inspector() {
  const view = useUi((state) => state.view);
  const detailOpen = useExchanges((state) => state.selectedId !== null) && view !== 'settings' && view !== 'mocks';
  const searchRef = useRef<HTMLInputElement>(null);
  const connection = useRef<LiveConnection | null>(null);
  useKeyboard(searchRef);

  useEffect(() => {
    const unwire = wireStores();
    connection.current = startSync();
    return () => {
      connection.current?.stop();
      unwire();
    };
  }, []);

  return (
    <div className="app">
      <TopBar />
      <div className="main">
        <ConnectionBanner onRetry={() => connection.current?.retryNow()} />
        <Group className="panes" orientation="horizontal">
          <Panel id="calls" defaultSize="17%" minSize={170} maxSize="35%">
            <CallsSidebar />
          </Panel>
          <Separator className="splitter" />
          <Panel id="main" minSize="25%">
            <div className="pane">
              {view === 'exchanges' && <FilterBar searchRef={searchRef} />}
              {view === 'exchanges' && <ExchangeList />}
              {view === 'calls' && <CallView />}
              {view === 'mocks' && <MocksPage />}
              {view === 'settings' && (
                <div className="settings-stack">
                  <SettingsPage />
                  <AuthSettingsSection />
                </div>
              )}
            </div>
          </Panel>
          {detailOpen && (
            <>
              <Separator className="splitter" />
              <Panel id="detail" defaultSize="42%" minSize="22%">
                <DetailPane />
              </Panel>
            </>
          )}
        </Group>
      </div>
      <StatusBar />
      <Toast />
    </div>
  );
}

/** The inspector, or how to open it with a token when the page was opened without one. */
export function App() {
  if (controlToken() === null) {
    return (
      <main className="empty">
        <h2>Open the inspector with its full URL</h2>
        <p>
          The inspector needs the access token that <span className="mono">switchboard listen</span> prints in its <span className="mono">Inspector:</span> line. Open
          that URL, token included; it protects your recorded calls from other web pages.
        </p>
      </main>
    );
  }

  return <Inspector />;
}
