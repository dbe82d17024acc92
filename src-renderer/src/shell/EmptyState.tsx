import { useState } from 'react';
import type { SimulationStarted } from '../../../src-main/contract/inspector';
import { ApiError, callApi } from '../api/control-client';
import { formatCountOf } from '../format/format';
import { useRuntime } from '../state/runtime-store';
import { copyText, uiStore } from '../state/ui-store';

function Command({ text }: { text: string }) {
  return (
    <code className="command" title="Click to copy" onClick={() => void copyText(text, 'command')}>
      {text}
    </code>
  );
}

/** Shown before the first event: how to point Vapi at the receive port, and a simulated call to try it. */
export function EmptyState() {
  const runtime = useRuntime((state) => state.runtime);
  const connected = useRuntime((state) => state.connection === 'open');
  const [status, setStatus] = useState<string | null>(null);

  // Until the core reports its ports, any command shown would name a guessed port.
  if (runtime === null) {
    return (
      <div className="empty" data-testid="empty-state-connecting">
        <h2>Connecting to Switchboard…</h2>
      </div>
    );
  }

  const port = new URL(runtime.receiveUrl).port;

  const simulate = async (): Promise<void> => {
    setStatus('Starting a simulated call…');
    try {
      const started = await callApi<SimulationStarted>('/api/simulate-call', { method: 'POST', body: { speed: 1 } });
      // The list replaces this page with the first event, so the confirmation goes in a toast.
      uiStore.getState().showToast(`Simulating call ${started.callId.slice(0, 8)}: ${formatCountOf(started.eventCount, 'event')} over about 19 s`);
      setStatus(null);
    } catch (error) {
      setStatus(error instanceof ApiError ? error.message : String(error));
    }
  };

  return (
    <div className="empty" data-testid="empty-state">
      <h2>Waiting for the first webhook</h2>
      <p className="muted">
        Switchboard receives on <span className="mono">{runtime.receiveUrl}</span>
        {runtime.targetUrl === null ? ' and has no target yet, so events are recorded but not forwarded (set one in Settings).' : ` and forwards to ${runtime.targetUrl}.`}
      </p>
      <ol>
        <li>
          Expose the receive port through a tunnel, for example:
          <Command text={`ngrok http ${port}`} />
          <Command text={`cloudflared tunnel --url http://localhost:${port}`} />
        </li>
        <li>
          Paste the tunnel's https URL as the Server URL of your assistant (or phone number, or tool) in the Vapi dashboard, or set it
          through the API:
          <Command text={`curl -X PATCH https://api.vapi.ai/assistant/$ASSISTANT_ID -H "Authorization: Bearer $VAPI_PRIVATE_KEY" -H "Content-Type: application/json" -d '{"server":{"url":"https://YOUR-TUNNEL/vapi/webhook"}}'`} />
        </li>
        <li>Call your assistant. Every event appears here as it arrives, grouped by call.</li>
      </ol>
      <p>
        <button
          className="primary-button"
          onClick={() => void simulate()}
          disabled={!connected}
          title={connected ? undefined : 'The Switchboard core is not connected, so it cannot send a simulated call. The button works again once the page reconnects.'}
          data-testid="simulate-call"
        >
          Simulate a call
        </button>{' '}
        <span className="muted">sends a short booking call to the receive port, through your target like real traffic.</span>
      </p>
      {status !== null && <p data-testid="simulate-status">{status}</p>}
    </div>
  );
}
