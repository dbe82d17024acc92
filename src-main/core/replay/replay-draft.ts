import type { ExchangeDetail } from '../../contract/exchange';
import type { ReplayDraft } from '../../contract/replay';
import { SwitchboardError } from '../errors';
import { withoutHopByHop } from '../headers';
import type { Target } from '../target';
import { contentEncodingOf, plainBodyText } from './body-encoding';
import { replayDestination } from './replay-destination';
import { bodySignatureHeadersIn } from './replay-headers';
import type { ReplayContext } from './replay-exchange';
import type { ReplaySigning } from './replay-signing';

/** Builds the draft for replaying exchange `exchangeId` with the engine's target and signing. */
export async function replayDraftFor(context: ReplayContext, exchangeId: number): Promise<ReplayDraft> {
  const exchange = context.store.detail(exchangeId);

  if (exchange === undefined) {
    throw new SwitchboardError('exchange_not_found', `No exchange has id ${exchangeId}.`, { exchangeId });
  }

  return replayDraftOf(exchange, context.signing, context.target);
}

/**
 * Builds the recorded request as the edit form starts from it. The headers leave out what every replay
 * sets itself (`Host`, `Content-Length`, hop-by-hop headers) but keep `Content-Encoding`, so
 * sending the draft back unchanged replays the original bytes.
 */
export async function replayDraftOf(exchange: ExchangeDetail, signing: ReplaySigning, currentTarget: Target | null): Promise<ReplayDraft> {
  const bodyText = plainBodyText(exchange.requestBody, exchange.requestHeaders);
  const targetUrl = destinationUrl(exchange, currentTarget);

  return {
    exchangeId: exchange.id,
    method: exchange.method,
    bodyText,
    bodyIsJson: bodyText !== null && parsesAsJson(bodyText),
    contentEncoding: contentEncodingOf(exchange.requestHeaders),
    headers: withoutHopByHop(exchange.requestHeaders).filter(([name]) => !['host', 'content-length'].includes(name.toLowerCase())),
    signatureHeaders: bodySignatureHeadersIn(exchange.requestHeaders, signing),
    canSign: await signs(exchange, signing, targetUrl),
    targetUrl,
  };
}

function destinationUrl(exchange: ExchangeDetail, currentTarget: Target | null): string | null {
  try {
    return replayDestination(exchange, undefined, currentTarget).url;
  } catch {
    return null;
  }
}

/** True when the signer would sign this exchange's replay, so edits do not leave a stale signature. */
async function signs(exchange: ExchangeDetail, signing: ReplaySigning, targetUrl: string | null): Promise<boolean> {
  if (signing.sign === undefined || targetUrl === null) {
    return false;
  }

  const signed = await signing.sign({ method: exchange.method, url: targetUrl, headers: exchange.requestHeaders, body: exchange.requestBody });
  return signed !== null;
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
