import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/recorder/open-database';
import { startListen } from '../support/cli-process';
import { send } from '../support/http-client';
import { sampleBytes } from '../support/samples';
import { replyJson, startTarget, type TargetServer } from '../support/target-server';
import { tempFolder } from '../support/temp-db';

describe('listen shutdown', () => {
  const folder = tempFolder();
  let target: TargetServer | null = null;

  afterEach(async () => {
    await target?.close();
    folder.remove();
  });

  it('indexes every exchange before exiting', async () => {
    target = await startTarget(replyJson({ results: [] }));
    const listen = await startListen(['--port', '0', '--no-inspector', '--db', folder.dbPath, '--forward-to', target.url]);
    const body = sampleBytes('tool-calls.json');

    await Promise.all(Array.from({ length: 20 }, () => send(`${listen.receiveUrl}/vapi`, { body })));
    // Stopping at once leaves the exchanges queued for the search index; exit must write them.
    const code = await listen.stop();

    const db = openDatabase(folder.dbPath, { readonly: true });
    const exchanges = db.prepare('SELECT count(*) FROM exchanges').pluck().get();
    const indexed = db.prepare('SELECT count(*) FROM exchange_text').pluck().get();
    db.close();

    expect(code).toBe(0);
    expect(exchanges).toBe(20);
    expect(indexed).toBe(20);
  });
});
