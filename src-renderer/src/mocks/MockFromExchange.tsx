import { useEffect } from 'react';
import type { ExchangeSummary } from '../../../src-main/contract/exchange';
import { uiStore } from '../state/ui-store';
import { mocksStore } from './mocks-store';

/** True when a key press belongs to a field or an editor, so shortcuts must not fire. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, .cm-editor') !== null;
}

async function mockFrom(exchangeId: number): Promise<void> {
  uiStore.getState().setView('mocks');
  await mocksStore.getState().openDraft(exchangeId);
}

/** The detail pane's "Mock from this" button (`m`): opens a rule drafted from the recorded reply in the Mocks editor. */
export function MockFromExchange({ exchange }: { exchange: ExchangeSummary }) {
  const disabled = exchange.type === null;

  useEffect(() => {
    if (disabled) return;

    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'm' || event.metaKey || event.ctrlKey || event.altKey || typingIn(event.target)) return;
      void mockFrom(exchange.id);
    };

    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [exchange.id, disabled]);

  return (
    <button
      className="icon-button"
      disabled={disabled}
      onClick={() => void mockFrom(exchange.id)}
      title={disabled ? 'Only Vapi events (with a message.type) can be mocked' : 'Open a mock rule that answers like this reply (m)'}
      data-testid="mock-from-exchange"
    >
      Mock from this
    </button>
  );
}
