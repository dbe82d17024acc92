import { TOKEN_HEADER, TOKEN_PARAM } from '../../../src-main/contract/api';
import type { ApiResult, ErrorCode } from '../../../src-main/contract/errors';

declare global {
  interface Window {
    /** Set by the desktop app's preload script; absent in a browser. */
    switchboardDesktop?: { token: string | null; platform: string };
  }
}

/** Returns the control token: from the desktop preload, or from the `token` query parameter in a browser. */
export function controlToken(): string | null {
  return window.switchboardDesktop?.token ?? new URLSearchParams(window.location.search).get(TOKEN_PARAM);
}

/** WebSocket URL of the pushed events. */
export function eventsUrl(): string {
  return `ws://${window.location.host}/api/events?${TOKEN_PARAM}=${encodeURIComponent(controlToken() ?? '')}`;
}

/** A failed control API call: an error code from the core, or `core_unreachable` when no response came. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'core_unreachable',
    message: string,
    /** The settings field an invalid value belongs to, when the core names one. */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Calls the control API and returns the value of its `ApiResult` envelope, or throws `ApiError`. */
export async function callApi<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;

  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: { [TOKEN_HEADER]: controlToken() ?? '', ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      ...(init.signal === undefined ? {} : { signal: init.signal }),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('core_unreachable', `Switchboard did not respond at ${window.location.host}. Check that "switchboard listen" or the desktop app is still running.`);
  }

  let result: ApiResult<T>;
  try {
    result = (await response.json()) as ApiResult<T>;
  } catch {
    throw new ApiError('internal_error', `The control API responded ${response.status} without a JSON body. Reload the page; if it persists, restart Switchboard.`);
  }

  if (!result.ok) {
    throw new ApiError(result.error.code, result.error.message, result.error.field ?? null);
  }

  return result.value;
}
