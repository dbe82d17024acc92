import type { ExchangeSummary } from '../contract/exchange';
import { openDatabase } from '../recorder/open-database';
import { ExchangeStore } from '../recorder/exchange-store';
import { resolveCallId } from './call-id';
import { formatExchangeLine } from './exchange-line';

export interface ListOptions {
  db: string;
  type?: string;
  call?: string;
  search?: string;
  limit: number;
  json: boolean;
}

/** An exchange summary as the CLI prints it in JSON, with the time as ISO 8601. */
export function summaryRecord(exchange: ExchangeSummary): Record<string, unknown> {
  return { ...exchange, receivedAt: new Date(exchange.receivedAt).toISOString() };
}

/** Prints recorded exchanges, newest first. */
export function runList(options: ListOptions): void {
  const db = openDatabase(options.db, { readonly: true });

  try {
    const store = new ExchangeStore(db);
    const exchanges = store.list({
      ...(options.type === undefined ? {} : { type: options.type }),
      ...(options.call === undefined ? {} : { callId: resolveCallId(store, options.call) }),
      ...(options.search === undefined ? {} : { text: options.search }),
      limit: options.limit,
    });

    if (options.json) {
      process.stdout.write(`${JSON.stringify(exchanges.map(summaryRecord), null, 2)}\n`);
      return;
    }

    if (exchanges.length === 0) {
      process.stdout.write(`No exchanges recorded in ${options.db} match.\n`);
      return;
    }

    for (const exchange of exchanges) {
      process.stdout.write(`${String(exchange.id).padStart(6)}  ${formatExchangeLine(exchange)}\n`);
    }
  } finally {
    db.close();
  }
}
