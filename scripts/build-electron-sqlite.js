// Builds better-sqlite3 for Electron into build/electron-native/better_sqlite3.node, leaving the
// copy in node_modules built for plain Node, so the CLI, the tests and the desktop app all work
// from one checkout without rebuilding in between. Electron's runtime has its own native-module
// ABI, which is why one binding cannot serve both.
const { execFileSync } = require('node:child_process');
const { cpSync, existsSync, mkdirSync, rmSync, copyFileSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const outputDir = join(root, 'build', 'electron-native');
const output = join(outputDir, 'better_sqlite3.node');

function electronVersion() {
  return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

function buildElectronBinding() {
  const version = electronVersion();
  const stamp = join(outputDir, `electron-${version}`);

  if (existsSync(output) && existsSync(stamp)) {
    return output;
  }

  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const workDir = join(outputDir, 'better-sqlite3');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(outputDir, { recursive: true });
  cpSync(source, workDir, { recursive: true, filter: (path) => !path.includes(`${join(source, 'build')}`) });

  const electronArgs = ['--runtime=electron', `--target=${version}`, `--arch=${process.arch}`];
  process.stdout.write(`Building better-sqlite3 for Electron ${version} (one time)...\n`);

  try {
    // A prebuilt binding for this Electron version is the fast path; compiling is the fallback.
    execFileSync(process.execPath, [require.resolve('prebuild-install/bin.js'), ...electronArgs], { cwd: workDir, stdio: 'inherit' });
  } catch {
    execFileSync('npx', ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers'], {
      cwd: workDir,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
  }

  copyFileSync(join(workDir, 'build', 'Release', 'better_sqlite3.node'), output);
  copyFileSync(output, stamp);
  rmSync(workDir, { recursive: true, force: true });
  return output;
}

module.exports = { buildElectronBinding };

if (require.main === module) {
  buildElectronBinding();
}
