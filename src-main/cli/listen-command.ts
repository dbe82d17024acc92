import { join } from 'node:path';
import pc from 'picocolors';
import type { AuthSettings } from '../contract/auth';
import type { PruneReport } from '../contract/history';
import type { Settings } from '../contract/settings';
import { ControlServer } from '../control/control-server';
import { Engine } from '../core/engine';
import { DEFAULT_SETTINGS } from '../core/settings';
import { parseTarget } from '../core/target';
import { openDatabase } from '../recorder/open-database';
import { authBannerLine } from './auth-options';
import { batchedLines } from './batched-lines';
import { counted } from './counted';
import { createErrorReporter } from './error-reporter';
import { formatExchangeLine } from './exchange-line';
import { loadAndWatchRuleFile } from './mock-file';
import { openBrowser } from './open-browser';
import { retentionBannerLine, retentionSettingsFromOptions, type RetentionCliOptions } from './retention-options';
import { whenStdoutCloses } from './stdout-closed';

export interface ListenOptions extends RetentionCliOptions {
  forwardTo?: string;
  port: number;
  host: string;
  db: string;
  timeout?: number;
  typeTimeout: Record<string, number>;
  bodyLimit?: number;
  inspector: boolean;
  inspectorPort: number;
  /** Mock rule file to load at start and again whenever it changes. */
  mocks?: string;
  open: boolean;
  /** Expected authentication, from the scheme flags; kept in memory only. */
  auth?: AuthSettings;
}

/** Ends the process cleanly on the first SIGINT or SIGTERM and at once on the second. */
function onShutdownSignal(stop: () => Promise<void>): void {
  let stopping = false;

  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.stderr.write(`Received ${signal} again; stopping without waiting.\n`);
      process.exit(130);
    }

    stopping = true;
    process.stderr.write('Stopping: waiting up to 5 s for requests in flight (press Ctrl+C again to quit at once).\n');
    void stop().then(() => process.exit(0));
  };

  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** Runs the receiver, forwarder and recorder until interrupted, printing one line per exchange. */
export async function runListen(options: ListenOptions, version: string, rendererDir: string): Promise<void> {
  if (options.forwardTo !== undefined) {
    parseTarget(options.forwardTo);
  }

  const settings: Partial<Settings> = {
    port: options.port,
    host: options.host,
    targetUrl: options.forwardTo ?? null,
    timeoutMs: options.timeout ?? DEFAULT_SETTINGS.timeoutMs,
    timeoutMsByType: { ...DEFAULT_SETTINGS.timeoutMsByType, ...options.typeTimeout },
    bodyLimitBytes: options.bodyLimit ?? DEFAULT_SETTINGS.bodyLimitBytes,
    ...retentionSettingsFromOptions(options),
  };
  const db = openDatabase(options.db);
  const engine = new Engine({ db, databasePath: options.db, settings, ...(options.auth === undefined ? {} : { auth: { settings: options.auth } }) });
  const control = options.inspector ? new ControlServer({ engine, port: options.inspectorPort, staticDir: rendererDir, version }) : null;

  let mockFile: ReturnType<typeof loadAndWatchRuleFile> | null = null;

  try {
    mockFile = options.mocks === undefined ? null : loadAndWatchRuleFile(engine.mockRules, options.mocks);
    await engine.start();
    await control?.start();
  } catch (error) {
    mockFile?.stop();
    await engine.stop(0);
    db.close();
    throw error;
  }

  // Installed before the banner, because a script that reads it may send a signal at once, and
  // without a listener SIGINT ends the process without stopping gracefully.
  onShutdownSignal(async () => {
    mockFile?.stop();
    await control?.stop();
    await engine.stop(5_000);
    db.close();
  });

  const writeLine = batchedLines(process.stdout);
  whenStdoutCloses(() => {
    process.stderr.write('The reader of the output went away, so exchange lines are no longer printed. Switchboard keeps receiving and recording; stop it with Ctrl+C.\n');
    whenStdoutCloses(() => undefined);
  });
  engine.on('exchange-finished', (exchange) => writeLine(formatExchangeLine(exchange)));

  const reportError = createErrorReporter();
  engine.on('record-error', (error) => reportError('recording failed, the request was still forwarded', error));
  engine.on('internal-error', (error) => reportError('request handling failed', error));
  engine.on('history-error', (error) => reportError('pruning the history failed, recording goes on', error));
  engine.on('history-pruned', (report) => process.stderr.write(`${pc.dim(prunedLine(report))}\n`));

  const lines = [
    `${pc.bold('Switchboard')} ${version}`,
    `Receiving on: ${pc.cyan(engine.receiveUrl)}`,
    `Forwarding to: ${options.forwardTo === undefined ? pc.yellow('nothing (events are recorded and answered 502; pass --forward-to URL)') : pc.cyan(options.forwardTo)}`,
    `Database:     ${options.db}`,
    ...(mockFile === null ? [] : [mockFile.bannerLine]),
    authBannerLine(engine.auth.settings),
    ...[retentionBannerLine(engine.settings)].filter((line): line is string => line !== null),
  ];

  if (control !== null) {
    lines.push(`Inspector: ${control.url}`);
  }

  lines.push(pc.dim('Point a tunnel at the receive port (for example "ngrok http ' + engine.port + '") and set its URL as the Server URL in Vapi.'));
  process.stdout.write(`${lines.join('\n')}\n\n`);

  if (options.open && control !== null) {
    openBrowser(control.url);
  }
}

function prunedLine(report: PruneReport): string {
  const reason = { age: 'past the keep-days limit', calls: 'past the keep-calls limit', size: 'over the keep-mb limit', clear: 'history cleared' }[report.reason];
  return `Deleted ${counted(report.exchanges, 'exchange')} and ${counted(report.calls, 'call')} (${reason}).`;
}

/** Folder of the built inspector next to the built CLI. */
export function builtRendererDir(cliDir: string): string {
  return join(cliDir, '..', 'renderer');
}
