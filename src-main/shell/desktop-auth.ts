import type { Database } from 'better-sqlite3';
import { safeStorage } from 'electron';
import type { RequestAuthOptions } from '../core/auth/request-auth';
import type { SecretCodec } from '../core/auth/secret-codec';
import type { Engine } from '../core/engine';
import { AuthSettingsStore } from '../recorder/auth-settings-store';

/**
 * Seals secrets with Electron `safeStorage`, which uses the OS keychain. Returns null where it
 * cannot encrypt, and on Linux when it falls back to its `basic_text` backend, whose fixed
 * password protects nothing. Secrets then stay in memory only.
 */
export function safeStorageCodec(): SecretCodec | null {
  if (!safeStorage.isEncryptionAvailable()) {
    return null;
  }

  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return null;
  }

  return {
    seal: (secret) => safeStorage.encryptString(secret).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

/**
 * Loads the saved auth settings for the engine. Damaged settings and secrets that cannot be
 * decrypted are reported through `warn` and left unset, so the app still starts.
 */
export function loadDesktopAuth(db: Database, codec: SecretCodec | null, warn: (message: string) => void): RequestAuthOptions {
  try {
    const loaded = new AuthSettingsStore(db).load(codec);

    if (loaded === null) {
      return { secretsPersisted: codec !== null };
    }

    if (loaded.unreadableSecrets.length > 0) {
      warn(`The saved authentication secrets for ${loaded.unreadableSecrets.join(', ')} could not be decrypted. Enter them again in Settings.`);
    }

    return { settings: loaded.settings, secretsPersisted: codec !== null };
  } catch (error) {
    warn(`The saved authentication settings could not be read (${(error as Error).message}); starting without an auth check.`);
    return { secretsPersisted: codec !== null };
  }
}

/** Saves every change to the engine's auth settings, secrets sealed with `codec`. */
export function saveDesktopAuthOnChange(engine: Engine, db: Database, codec: SecretCodec | null): void {
  const store = new AuthSettingsStore(db);
  engine.auth.on('changed', (settings) => store.save(settings, codec));
}
