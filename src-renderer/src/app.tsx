import { useEffect, useState } from 'react';
import type { PushBatch } from '../../src-main/contract/api';
import type { RuntimeInfo } from '../../src-main/contract/settings';
import { controlToken, eventsUrl } from './control-client';

/** A status page: receive URL, target and a live exchange count. */
export function App() {
  const [runtime, setRuntime] = useState<RuntimeInfo | null>(null);
  const [finished, setFinished] = useState(0);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (controlToken() === null) {
      return;
    }

    const socket = new WebSocket(eventsUrl());
    socket.onopen = () => setConnected(true);
    socket.onclose = () => setConnected(false);
    socket.onmessage = (message) => {
      const batch = JSON.parse(String(message.data)) as PushBatch;

      for (const event of batch.events) {
        if (event.kind === 'runtime') setRuntime(event.runtime);
        if (event.kind === 'exchange-finished') setFinished((count) => count + 1);
      }
    };

    return () => socket.close();
  }, []);

  if (controlToken() === null) {
    return <p>Open the inspector with the full URL that "switchboard listen" printed; it carries the access token.</p>;
  }

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>Switchboard</h1>
      <p>{connected ? 'Connected to the core.' : 'Not connected to the core; retrying when reloaded.'}</p>
      <dl>
        <dt>Receiving on</dt>
        <dd data-testid="receive-url">{runtime?.receiveUrl ?? '…'}</dd>
        <dt>Forwarding to</dt>
        <dd data-testid="target-url">{runtime?.targetUrl ?? 'no target set'}</dd>
        <dt>Exchanges recorded</dt>
        <dd data-testid="exchange-count">{runtime === null ? '…' : runtime.exchangeCount + finished}</dd>
      </dl>
    </main>
  );
}
