import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import pkg from '../../package.json';
import { createErrorReporter } from '../cli/error-reporter';
import { ControlServer } from '../control/control-server';
import { Engine } from '../core/engine';
import { SwitchboardError } from '../core/errors';
import { openDatabase } from '../recorder/open-database';
import { loadDesktopAuth, safeStorageCodec, saveDesktopAuthOnChange } from './desktop-auth';
import { loadShellSettings, saveShellSettings } from './settings-file';
import { createMainWindow } from './window';

/**
 * The desktop shell: hosts the same engine and control server as `switchboard listen`, and shows
 * the inspector in a window. It holds no product logic of its own.
 */
async function launch(): Promise<void> {
  const userData = app.getPath('userData');
  const databasePath = join(userData, 'switchboard.db');
  const settingsPath = join(userData, 'settings.json');

  // Electron needs better-sqlite3 compiled against its own Node ABI; scripts/start.js builds
  // that copy into build/electron-native, apart from the copy plain Node uses in node_modules.
  const electronBinding = join(app.getAppPath(), 'build', 'electron-native', 'better_sqlite3.node');
  const db = openDatabase(databasePath, existsSync(electronBinding) ? { nativeBinding: electronBinding } : {});
  const secretCodec = safeStorageCodec();
  const auth = loadDesktopAuth(db, secretCodec, (message) => process.stderr.write(`switchboard: ${message}\n`));
  const engine = new Engine({ db, databasePath, settings: loadShellSettings(settingsPath), auth });
  const control = new ControlServer({ engine, port: 0, staticDir: join(__dirname, '..', 'renderer'), version: pkg.version });

  // The window shows exchanges but not the core's own failures, so they go to the log as in the CLI.
  const reportError = createErrorReporter();
  engine.on('record-error', (error) => reportError('recording failed, the request was still forwarded', error));
  engine.on('internal-error', (error) => reportError('request handling failed', error));
  engine.on('history-error', (error) => reportError('pruning the history failed, recording goes on', error));

  const portNotice = await startReceiving(engine);
  engine.on('settings-changed', (settings) => saveShellSettings(settingsPath, settings));
  saveDesktopAuthOnChange(engine, db, secretCodec);
  await control.start();

  const openWindow = (): BrowserWindow => createMainWindow(`http://127.0.0.1:${control.port}/`, control.token);
  let window = openWindow();

  if (portNotice !== null) {
    void dialog.showMessageBox(window, { type: 'warning', message: 'Receiving on another port', detail: portNotice });
  }

  app.on('second-instance', () => {
    if (window.isDestroyed()) {
      window = openWindow();
      return;
    }

    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = openWindow();
  });

  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    void control
      .stop()
      .then(() => engine.stop(5_000))
      .finally(() => {
        db.close();
        app.quit();
      });
  });
}

/**
 * Starts the receiver on the saved port. When another program holds it (often a
 * `switchboard listen` in a terminal), the app receives on a free port for this session instead of
 * failing to open, and returns the notice to show; the saved port stays for the next launch.
 */
async function startReceiving(engine: Engine): Promise<string | null> {
  try {
    await engine.start();
    return null;
  } catch (error) {
    if (!(error instanceof SwitchboardError) || error.code !== 'port_in_use') {
      throw error;
    }

    const savedPort = engine.settings.port;
    await engine.updateSettings({ port: 0 });
    await engine.start();
    return `Port ${savedPort} is in use by another program, perhaps a "switchboard listen" in a terminal. This window receives on ${engine.receiveUrl} instead, so point your tunnel there, or stop the other program and restart Switchboard. The port can be changed in Settings.`;
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app
    .whenReady()
    .then(launch)
    .catch((error: unknown) => {
      const message = error instanceof SwitchboardError ? error.message : `Switchboard could not start: ${(error as Error).message}`;
      dialog.showErrorBox('Switchboard could not start', message);
      app.exit(1);
    });
}
