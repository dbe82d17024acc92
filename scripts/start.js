// `npm start`: opens the desktop app, or, where the Electron binary is not installed, runs the
// same core headless and opens the inspector in the browser. Arguments after `--` go to
// `switchboard listen` in the headless mode, for example `npm start -- --forward-to URL`.
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { findElectronBinary } = require('./electron-binary');
const { buildElectronBinding } = require('./build-electron-sqlite');

const root = join(__dirname, '..');

if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
  process.stderr.write('switchboard: the app is not built. Run "npm run build" first.\n');
  process.exit(1);
}

function run(command, args) {
  // On POSIX systems the child gets a process group of its own, so a Ctrl+C in the terminal reaches
  // it once, through this script, instead of twice, which it would take as a request to quit at
  // once. On Windows a detached child would open a console window of its own, so it stays attached.
  const detached = process.platform !== 'win32';
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', detached });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  // A closed terminal hangs up this script only; the child stops gracefully instead of lingering.
  process.on('SIGHUP', () => forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
}

const { binary, reason } = findElectronBinary();

if (binary === null) {
  process.stdout.write(`Electron is not available (${reason}); starting headless with the inspector in your browser instead.\n`);
  run(process.execPath, [join(root, 'bin', 'switchboard.js'), 'listen', '--open', ...process.argv.slice(2)]);
} else {
  try {
    buildElectronBinding();
  } catch (error) {
    process.stderr.write(`switchboard: could not build better-sqlite3 for Electron: ${error.message}\nRun "npm run electron:sqlite" to retry, or use "npx switchboard listen".\n`);
    process.exit(1);
  }

  run(binary, [root]);
}
