import { join } from 'node:path';
import type { Settings } from '../../src-main/contract/settings';
import { ControlServer } from '../../src-main/control/control-server';
import { startEngine, type RunningEngine } from './engine-fixture';

export const RENDERER_DIR = join(__dirname, '..', '..', 'out', 'renderer');

export interface RunningInspector extends RunningEngine {
  control: ControlServer;
  /** Origin of the control port, such as http://127.0.0.1:41235 */
  origin: string;
  /** The URL that opens the inspector, token included. */
  inspectorUrl: string;
  /** Fetches a control API path with the token header and returns the parsed `ApiResult` envelope. */
  api<T = unknown>(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: { ok: boolean; value: T; error: { code: string; message: string; field?: string } } }>;
}

/** Starts a real engine and control server on free loopback ports, serving the built inspector. */
export async function startInspector(settings: Partial<Settings> = {}): Promise<RunningInspector> {
  const running = await startEngine(settings);
  const control = new ControlServer({ engine: running.engine, port: 0, staticDir: RENDERER_DIR, version: 'test' });
  await control.start();
  const origin = `http://127.0.0.1:${control.port}`;

  return {
    ...running,
    control,
    origin,
    inspectorUrl: control.url,
    async api(path, init = {}) {
      const response = await fetch(`${origin}${path}`, {
        method: init.method ?? 'GET',
        headers: { 'x-switchboard-token': control.token, 'content-type': 'application/json' },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      return { status: response.status, body: (await response.json()) as never };
    },
    async stop() {
      await control.stop();
      await running.stop();
    },
  };
}
