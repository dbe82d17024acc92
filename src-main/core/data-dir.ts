import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder where the CLI keeps its database: `%APPDATA%\Switchboard` on Windows,
 * `~/Library/Application Support/Switchboard` on macOS, and `$XDG_DATA_HOME/switchboard`
 * (default `~/.local/share/switchboard`) elsewhere.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Switchboard');
  }

  if (platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support', 'Switchboard');
  }

  const dataHome = env.XDG_DATA_HOME !== undefined && env.XDG_DATA_HOME !== '' ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(dataHome, 'switchboard');
}

/** The CLI's default database file. `SWITCHBOARD_DB` overrides it. */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SWITCHBOARD_DB !== undefined && env.SWITCHBOARD_DB !== '' ? env.SWITCHBOARD_DB : join(defaultDataDir(env), 'switchboard.db');
}
