import { TOKEN_PARAM } from '../../src-main/contract/api';

declare global {
  interface Window {
    /** Set by the desktop app's preload script; absent in a browser. */
    switchboardDesktop?: { token: string | null; platform: string };
  }
}

/** The control token: from the desktop preload, or from the `token` query parameter in a browser. */
export function controlToken(): string | null {
  return window.switchboardDesktop?.token ?? new URLSearchParams(window.location.search).get(TOKEN_PARAM);
}

/** WebSocket URL of the pushed events. */
export function eventsUrl(): string {
  return `ws://${window.location.host}/api/events?${TOKEN_PARAM}=${encodeURIComponent(controlToken() ?? '')}`;
}
