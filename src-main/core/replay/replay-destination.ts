import type { ExchangeSummary } from '../../contract/exchange';
import { SwitchboardError } from '../errors';
import { parseTarget, targetHostHeader, targetRequestPath, type Target } from '../target';

/** Where one replay goes. */
export interface ReplayDestination {
  target: Target;
  /** Path and query to request. */
  path: string;
  /** The full URL, for the record and for signers. */
  url: string;
  hostHeader: string;
}

/**
 * Picks where a replay goes: the URL given for this replay, else the current target, else the URL
 * the original was forwarded to. The first two map the recorded path as live forwarding does. The
 * recorded URL already has that mapping applied, so it is requested exactly.
 */
export function replayDestination(exchange: ExchangeSummary, to: string | undefined, currentTarget: Target | null): ReplayDestination {
  const rawUrl = exchange.query === '' ? exchange.path : `${exchange.path}?${exchange.query}`;
  const chosen = to !== undefined && to.trim() !== '' ? parseTarget(to) : currentTarget;

  if (chosen !== null) {
    return destination(chosen, targetRequestPath(chosen, rawUrl));
  }

  if (exchange.targetUrl === null) {
    throw new SwitchboardError(
      'no_target',
      `Exchange ${exchange.id} was recorded without a target, and no target is set. Give the URL of your server for this replay (--to on the command line), or set the target in Settings.`,
      { exchangeId: exchange.id },
    );
  }

  const recorded = parseTarget(exchange.targetUrl);
  return destination(recorded, recorded.url.pathname + recorded.url.search);
}

function destination(target: Target, path: string): ReplayDestination {
  return {
    target,
    path,
    url: `${target.url.protocol}//${target.url.host}${path}`,
    hostHeader: targetHostHeader(target),
  };
}
