// Finds the Electron binary that the `electron` package downloaded at install, without ever
// starting a download: `require('electron')` would throw when the binary is missing, so the
// package's path.txt and the file it names are checked directly.
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

/** Returns the binary's path, or null with the reason it is unavailable. */
function findElectronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { binary: null, reason: 'the electron package is not installed' };
  }

  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const overridden = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(overridden) ? { binary: overridden, packageDir } : { binary: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no binary at ${overridden}` };
  }

  const pathFile = join(packageDir, 'path.txt');

  if (!existsSync(pathFile)) {
    return { binary: null, reason: 'its binary was not downloaded at install' };
  }

  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { binary, packageDir } : { binary: null, reason: `${binary} is missing` };
}

module.exports = { findElectronBinary };
