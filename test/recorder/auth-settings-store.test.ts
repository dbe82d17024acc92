import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthSettings } from '../../src-main/contract/auth';
import { NO_AUTH_SETTINGS } from '../../src-main/core/auth/auth-schema';
import { mergeAuthSettings } from '../../src-main/core/auth/auth-settings';
import type { SecretCodec } from '../../src-main/core/auth/secret-codec';
import { AuthSettingsStore } from '../../src-main/recorder/auth-settings-store';
import { openDatabase } from '../../src-main/recorder/open-database';
import { tempFolder } from '../support/temp-db';

/** Stands in for the OS keychain, which tests cannot reach: a reversible transform that hides the plain text. */
const reversingCodec: SecretCodec = {
  seal: (secret) => Buffer.from([...secret].reverse().join(''), 'utf8').toString('base64'),
  open: (sealed) => [...Buffer.from(sealed, 'base64').toString('utf8')].reverse().join(''),
};

const brokenCodec: SecretCodec = {
  seal: reversingCodec.seal,
  open: () => {
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  },
};

const SETTINGS: AuthSettings = mergeAuthSettings(NO_AUTH_SETTINGS, {
  rejectInvalid: true,
  default: { scheme: 'hmac', secretKey: 'stored-hmac-key', algorithm: 'sha512', signaturePrefix: 'sha512=' },
  paths: [{ path: '/tools', config: { scheme: 'bearer', token: 'stored-token', bearerPrefixEnabled: false } }],
});

describe('AuthSettingsStore', () => {
  let temp: ReturnType<typeof tempFolder>;
  let db: Database;

  beforeEach(() => {
    temp = tempFolder();
    db = openDatabase(temp.dbPath);
  });

  afterEach(() => {
    db.close();
    temp.remove();
  });

  function fileText(): string {
    db.pragma('wal_checkpoint(TRUNCATE)');
    return readFileSync(temp.dbPath).toString('latin1');
  }

  it('loads null when nothing is saved', () => {
    expect(new AuthSettingsStore(db).load(reversingCodec)).toBeNull();
  });

  it('round-trips with sealed secrets', () => {
    const store = new AuthSettingsStore(db);
    store.save(SETTINGS, reversingCodec);

    expect(store.load(reversingCodec)).toEqual({ settings: SETTINGS, unreadableSecrets: [] });
    expect(fileText()).not.toContain('stored-hmac-key');
    expect(fileText()).not.toContain('stored-token');
  });

  it('saves no secrets without a codec', () => {
    const store = new AuthSettingsStore(db);
    store.save(SETTINGS, null);
    const loaded = store.load(null);

    expect(fileText()).not.toContain('stored-');
    expect(loaded?.settings.default).toMatchObject({ scheme: 'hmac', secretKey: '', algorithm: 'sha512' });
    expect(loaded?.settings.rejectInvalid).toBe(true);
    expect(loaded?.unreadableSecrets).toEqual([]);
  });

  it('loads unreadable secrets as unset', () => {
    const store = new AuthSettingsStore(db);
    store.save(SETTINGS, reversingCodec);
    const loaded = store.load(brokenCodec);

    expect(loaded?.unreadableSecrets).toEqual(['default', '/tools']);
    expect(loaded?.settings.paths[0]?.config).toEqual({ scheme: 'bearer', token: '', headerName: 'Authorization', bearerPrefixEnabled: false });
  });

  it('rejects a damaged value', () => {
    db.prepare("INSERT INTO settings (key, value) VALUES ('auth', '{not json')").run();
    expect(() => new AuthSettingsStore(db).load(reversingCodec)).toThrow(/not valid JSON/);
  });
});
