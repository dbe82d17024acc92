import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';

/**
 * Opens the inspector window with the renderer locked down: sandboxed, isolated, no Node, no new
 * windows, no navigation away from the inspector and no permission grants. The control token
 * reaches the page through the preload script, never through the URL.
 */
export function createMainWindow(inspectorUrl: string, token: string): BrowserWindow {
  const origin = new URL(inspectorUrl).origin;

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 560,
    title: 'Switchboard',
    show: false,
    webPreferences: {
      preload: join(__dirname, '..', 'preload', 'index.js'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      additionalArguments: [`--switchboard-token=${token}`],
    },
  });

  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) {
      void shell.openExternal(url);
    }

    return { action: 'deny' };
  });

  window.webContents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== origin) {
      event.preventDefault();
    }
  });

  window.once('ready-to-show', () => window.show());
  void window.loadURL(inspectorUrl);
  return window;
}
