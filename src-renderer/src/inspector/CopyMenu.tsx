import { useEffect, useRef, useState } from 'react';
import type { ExchangeView } from '../../../src-main/contract/inspector';
import { copyText } from '../state/ui-store';
import { curlCommand } from './curl';
import { revealedRequestHeaders } from './secret-headers';

/** The copy actions of the detail pane: bodies, the exchange as JSON, and a cURL command. */
export function CopyMenu({ exchange, receiveUrl }: { exchange: ExchangeView; receiveUrl: string | null }) {
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent): void => {
      if (menu.current !== null && !menu.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const pathAndQuery = `${exchange.path}${exchange.query === '' ? '' : `?${exchange.query}`}`;
  const targetUrl = exchange.targetUrl ?? (receiveUrl === null ? null : new URL(pathAndQuery, receiveUrl).href);
  const actions: { label: string; run(): void }[] = [
    { label: 'Request body', run: () => void copyText(exchange.requestBody ?? exchange.requestBodyBase64, 'request body') },
    { label: 'Response body', run: () => void copyText(exchange.responseBody ?? exchange.responseBodyBase64 ?? '', 'response body') },
    { label: 'Exchange as JSON', run: () => void copyText(JSON.stringify(exchange, null, 2), 'exchange') },
  ];

  if (targetUrl !== null) {
    actions.push({
      label: exchange.targetUrl === null ? 'cURL to the receive port' : 'cURL to the target',
      run: () => void copyText(curlCommand(targetUrl, exchange.method, exchange.requestHeaders, exchange.requestBody, exchange.requestBodyBase64, revealedRequestHeaders(exchange.id)), 'cURL command'),
    });
  }

  return (
    <div className="menu" ref={menu}>
      <button className="icon-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Copy ▾
      </button>
      {open && (
        <div className="menu-list" role="menu">
          {actions.map((action) => (
            <button
              key={action.label}
              role="menuitem"
              onClick={() => {
                action.run();
                setOpen(false);
              }}
            >
              {action.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
