import type { Database } from 'better-sqlite3';
import type { Settings } from '../../src-main/contract/settings';
import { Engine } from '../../src-main/core/engine';
import { openDatabase } from '../../src-main/recorder/open-database';
import { tempFolder } from './temp-db';

export interface RunningEngine {
  engine: Engine;
  db: Database;
  dbPath: string;
  /** Receive URL, such as http://127.0.0.1:41234 */
  url: string;
  /** Resolves once `count` exchanges have finished and been committed since the engine started. */
  finished(count: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a real engine on a free loopback port with a database in a fresh temp folder. */
export async function startEngine(settings: Partial<Settings> = {}): Promise<RunningEngine> {
  const temp = tempFolder();
  const db = openDatabase(temp.dbPath);
  const engine = new Engine({ db, databasePath: temp.dbPath, settings: { port: 0, ...settings } });
  await engine.start();

  let finishedCount = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  engine.on('exchange-finished', () => {
    finishedCount += 1;

    for (const waiter of waiters.filter((candidate) => candidate.count <= finishedCount)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });

  return {
    engine,
    db,
    dbPath: temp.dbPath,
    url: engine.receiveUrl,
    finished(count) {
      if (finishedCount >= count) {
        return Promise.resolve();
      }

      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async stop() {
      await engine.stop(1_000);
      db.close();
      temp.remove();
    },
  };
}
