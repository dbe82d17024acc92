import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread that runs the module `name` from this folder. The build emits that
 * module as its own entry, `<name>.js`, beside the code that starts it. When the sources run
 * directly, as in the tests, tsx's require hook loads the TypeScript file instead.
 */
export function startModuleWorker(name: string, workerData: unknown): Worker {
  if (__filename.endsWith('.ts')) {
    const source = `require('tsx/cjs'); require(${JSON.stringify(join(__dirname, `${name}.ts`))});`;
    return new Worker(source, { eval: true, workerData });
  }

  return new Worker(join(__dirname, `${name}.js`), { workerData });
}
