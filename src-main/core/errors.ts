import type { ErrorBody, ErrorCode } from '../contract/errors';

/**
 * An error with a product error code, the value that caused it and the fix.
 * `message` is the one line a user sees, so it names both.
 */
export class SwitchboardError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SwitchboardError';
    this.code = code;
    this.details = details;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}

/** The message of a thrown value, which need not be an Error. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The string `code` of an error, such as Node's ECONNREFUSED or SQLite's SQLITE_FULL, when it has one. */
export function systemErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/**
 * Converts SQLite's "database is locked" into a `database_busy` error whose message states that
 * nothing changed and to try again. Returns other errors unchanged.
 */
export function withBusyExplained(error: unknown): unknown {
  if (!systemErrorCode(error)?.startsWith('SQLITE_BUSY')) {
    return error;
  }

  return new SwitchboardError(
    'database_busy',
    'The database stayed locked by another writer (a busy recording thread, or another Switchboard process), so nothing was changed. Try again in a moment.',
    {},
    { cause: error },
  );
}

/** Maps a failure to bind a listening port to an error that says what to do. */
export function listenError(error: unknown, what: string, host: string, port: number, portOption: string): SwitchboardError {
  const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const code = systemErrorCode(error);

  if (code === 'EADDRINUSE') {
    return new SwitchboardError(
      'port_in_use',
      `Cannot start the ${what}: ${address} is already in use. Stop the program using it, or pass ${portOption} with another port (0 picks a free one).`,
      { host, port },
      { cause: error },
    );
  }

  if (code === 'EACCES') {
    return new SwitchboardError(
      'port_not_permitted',
      `Cannot start the ${what}: binding ${address} is not permitted. Ports below 1024 need administrator rights; pass ${portOption} with a port of 1024 or above.`,
      { host, port },
      { cause: error },
    );
  }

  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new SwitchboardError(
      'address_not_available',
      `Cannot start the ${what}: ${host} is not an address of this machine. Use 127.0.0.1 (the default), ::1, or 0.0.0.0 to listen on every interface.`,
      { host, port },
      { cause: error },
    );
  }

  return new SwitchboardError(
    'internal_error',
    `Cannot start the ${what} on ${address}: ${messageOf(error)}.`,
    { host, port },
    { cause: error },
  );
}
