import pc from 'picocolors';
import type { HeaderPair } from '../contract/exchange';
import { SwitchboardError } from '../core/errors';
import { bodyText, exchangeDetailJson } from '../core/exchange-json';
import { prettyJsonText } from '../core/json/pretty-json';
import { redactHeaders, redactJsonText } from '../core/redaction';
import { AuthCheckStore } from '../recorder/auth-check-store';
import { ExchangeStore } from '../recorder/exchange-store';
import { openDatabase } from '../recorder/open-database';
import { authCheckLines } from './auth-lines';
import { formatDuration } from './exchange-line';

export interface ShowOptions {
  db: string;
  json: boolean;
  revealSecrets: boolean;
}

function formatHeaders(headers: readonly HeaderPair[], revealSecrets: boolean): string {
  return (revealSecrets ? headers : redactHeaders(headers)).map(([name, value]) => `  ${pc.dim(name)}: ${value}`).join('\n');
}

function formatBody(bytes: Uint8Array | null, revealSecrets: boolean): string {
  if (bytes === null) {
    return pc.dim('  (none)');
  }

  const text = bodyText(bytes);

  if (text === null) {
    return pc.dim(`  (${bytes.byteLength} bytes that are not UTF-8 text; use --json for base64)`);
  }

  const pretty = prettyJsonText(text) ?? text;
  return revealSecrets ? pretty : redactJsonText(pretty);
}

/** Prints one exchange in full. */
export function runShow(idText: string, options: ShowOptions): void {
  const id = Number(idText);

  if (!Number.isInteger(id) || id < 1) {
    throw new SwitchboardError('invalid_option', `"${idText}" is not an exchange id. Ids are the numbers in the first column of "switchboard list".`);
  }

  const db = openDatabase(options.db, { readonly: true });

  try {
    const exchange = new ExchangeStore(db).detail(id);

    if (exchange === undefined) {
      throw new SwitchboardError('exchange_not_found', `No exchange has id ${id} in ${options.db}. Run "switchboard list" to see the recorded ids.`);
    }

    const authCheck = new AuthCheckStore(db).get(id) ?? null;

    if (options.json) {
      const record = exchangeDetailJson(exchange);
      process.stdout.write(`${JSON.stringify({ ...record, receivedAt: new Date(exchange.receivedAt).toISOString(), authCheck }, null, 2)}\n`);
      return;
    }

    const lines = [
      `${pc.bold(`Exchange ${exchange.id}`)}  ${exchange.type ?? '(not a Vapi event)'}  ${exchange.outcome}`,
      `Received:  ${new Date(exchange.receivedAt).toISOString()}`,
      `Call:      ${exchange.callId ?? '-'}`,
      `Target:    ${exchange.targetUrl ?? '-'}`,
      ...(exchange.replayOf === null ? [] : [`Replay of: #${exchange.replayOf}${exchange.edited ? ' (edited)' : ''}`]),
      `Duration:  ${formatDuration(exchange.durationMs)} (target ${formatDuration(exchange.targetDurationMs)})`,
    ];

    if (exchange.errorMessage !== null) {
      lines.push(`Error:     ${exchange.errorCode ?? ''} ${exchange.errorMessage}`);
    }

    if (authCheck !== null) {
      lines.push('', ...authCheckLines(authCheck, options.revealSecrets));
    }

    lines.push(
      '',
      pc.bold(`Request: ${exchange.method} ${exchange.path}${exchange.query === '' ? '' : `?${exchange.query}`}  (${exchange.requestSize} bytes)`),
      formatHeaders(exchange.requestHeaders, options.revealSecrets),
      '',
      formatBody(exchange.requestBody, options.revealSecrets),
      '',
      pc.bold(`Response: ${exchange.status ?? '-'}  (${exchange.responseSize ?? 0} bytes${exchange.responseTruncated ? ', stored up to the body limit' : ''})`),
      formatHeaders(exchange.responseHeaders ?? [], options.revealSecrets),
      '',
      formatBody(exchange.responseBody, options.revealSecrets),
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    db.close();
  }
}
