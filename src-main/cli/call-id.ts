import { SwitchboardError } from '../core/errors';
import type { ExchangeStore } from '../recorder/exchange-store';

/** Shortest prefix accepted, so a typo does not silently pick one of many calls. */
const MIN_PREFIX_LENGTH = 4;

/**
 * Resolves a call id as typed on the command line: the full id, or a unique prefix of one such as
 * the 8 characters `switchboard list` prints.
 */
export function resolveCallId(store: ExchangeStore, typed: string): string {
  if (store.call(typed) !== undefined) {
    return typed;
  }

  const matches = typed.length >= MIN_PREFIX_LENGTH ? store.callIdsStartingWith(typed, 6) : [];

  if (matches.length === 1) {
    return matches[0] as string;
  }

  if (matches.length > 1) {
    const listed = matches.slice(0, 5).join(', ');
    throw new SwitchboardError('invalid_option', `The call id "${typed}" matches several calls (${listed}${matches.length > 5 ? ', ...' : ''}). Type more of it.`);
  }

  throw new SwitchboardError(
    'invalid_option',
    `No recorded call has an id ${typed.length >= MIN_PREFIX_LENGTH ? 'starting with' : 'equal to'} "${typed}". Run "switchboard list" to see call ids (a prefix of at least ${MIN_PREFIX_LENGTH} characters works).`,
  );
}
