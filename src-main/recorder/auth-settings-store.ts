import type { Database, Statement } from 'better-sqlite3';
import type { AuthConfig, AuthSettings } from '../contract/auth';
import { SwitchboardError } from '../core/errors';
import { NO_AUTH_SETTINGS } from '../core/auth/auth-schema';
import { mergeAuthSettings, secretOf } from '../core/auth/auth-settings';
import type { SecretCodec } from '../core/auth/secret-codec';

const SETTINGS_KEY = 'auth';

/** Field that carries the secret of each scheme. */
const SECRET_FIELD = { secret: 'secret', bearer: 'token', hmac: 'secretKey' } as const;

export interface LoadedAuthSettings {
  settings: AuthSettings;
  /** Rules (`default` or a path) whose saved secret could not be opened and must be entered again. */
  unreadableSecrets: string[];
}

/**
 * Saves the auth settings in the `settings` table. Secrets are sealed with the given codec; with
 * none, they are left out and only the other fields are saved.
 */
export class AuthSettingsStore {
  private readonly select: Statement;
  private readonly upsert: Statement;

  constructor(db: Database) {
    this.select = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  save(settings: AuthSettings, codec: SecretCodec | null): void {
    const stored = {
      rejectInvalid: settings.rejectInvalid,
      default: sealConfig(settings.default, codec),
      paths: settings.paths.map((rule) => ({ path: rule.path, config: sealConfig(rule.config, codec) })),
    };
    this.upsert.run(SETTINGS_KEY, JSON.stringify(stored));
  }

  /**
   * Reads the saved settings; returns null when none are saved. Throws a `SwitchboardError` when
   * the saved value is damaged. A secret that cannot be opened loads as not set.
   */
  load(codec: SecretCodec | null): LoadedAuthSettings | null {
    const row = this.select.get(SETTINGS_KEY) as { value: string } | undefined;

    if (row === undefined) {
      return null;
    }

    const stored = parseStored(row.value);
    const unreadableSecrets: string[] = [];
    const open = (config: Record<string, unknown> | undefined, rule: string): Record<string, unknown> | undefined => {
      const opened = config === undefined ? undefined : openConfig(config, codec);

      if (opened?.lost === true) {
        unreadableSecrets.push(rule);
      }

      return opened?.config;
    };
    const input = {
      ...(stored.rejectInvalid === undefined ? {} : { rejectInvalid: stored.rejectInvalid }),
      ...(stored.default === undefined ? {} : { default: open(stored.default, 'default') }),
      ...(stored.paths === undefined ? {} : { paths: stored.paths.map((rule) => ({ path: rule.path, config: open(rule.config, rule.path) })) }),
    };

    return { settings: mergeAuthSettings(NO_AUTH_SETTINGS, input, true), unreadableSecrets };
  }
}

interface StoredAuthSettings {
  rejectInvalid?: boolean;
  default?: Record<string, unknown>;
  paths?: { path: string; config: Record<string, unknown> }[];
}

function parseStored(text: string): StoredAuthSettings {
  try {
    return JSON.parse(text) as StoredAuthSettings;
  } catch {
    throw new SwitchboardError('invalid_option', 'The saved auth settings are not valid JSON. Set the authentication again in Settings; saving replaces them.');
  }
}

function sealConfig(config: AuthConfig, codec: SecretCodec | null): Record<string, unknown> {
  if (config.scheme === 'none') {
    return { scheme: 'none' };
  }

  const field = SECRET_FIELD[config.scheme];
  const { [field]: _secret, ...rest } = config as unknown as Record<string, unknown>;
  const secret = secretOf(config);
  return codec === null || secret === '' ? rest : { ...rest, sealedSecret: codec.seal(secret) };
}

function openConfig(stored: Record<string, unknown>, codec: SecretCodec | null): { config: Record<string, unknown>; lost: boolean } {
  const { sealedSecret, ...rest } = stored;
  const scheme = rest.scheme as keyof typeof SECRET_FIELD | 'none';

  if (scheme === 'none' || typeof sealedSecret !== 'string') {
    return { config: rest, lost: false };
  }

  try {
    if (codec === null) {
      return { config: rest, lost: true };
    }

    return { config: { ...rest, [SECRET_FIELD[scheme]]: codec.open(sealedSecret) }, lost: false };
  } catch {
    return { config: rest, lost: true };
  }
}
