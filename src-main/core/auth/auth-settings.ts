import type { AuthConfig, AuthConfigView, AuthSettings, AuthSettingsView, NoAuthConfig } from '../../contract/auth';
import { SwitchboardError } from '../errors';
import { authSettingsInputSchema, hmacPayloadFormat, type ParsedAuthConfigInput } from './auth-schema';
import { isBase64Text } from './hmac';

/**
 * Validates a change to the auth settings and merges it into `current`. A secret left out keeps
 * the one set for the same path and scheme. Error messages name the field and never the secret.
 * With `allowUnsetSecrets`, a secret that is still missing becomes '' (not set) instead of an
 * error. Saved settings whose secrets could not be decrypted load this way.
 */
export function mergeAuthSettings(current: AuthSettings, change: unknown, allowUnsetSecrets = false): AuthSettings {
  const parsed = authSettingsInputSchema.safeParse(change);

  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'auth';
    throw new SwitchboardError('invalid_option', `Invalid auth setting ${field}: ${issue?.message ?? 'invalid value'}.`, { field });
  }

  const input = parsed.data;
  const defaultConfig = input.default === undefined ? current.default : completeConfig(input.default, current.default, 'default', allowUnsetSecrets);
  const paths =
    input.paths === undefined
      ? current.paths
      : input.paths.map((rule, index) => ({
          path: rule.path,
          config: completeConfig(rule.config, current.paths.find((existing) => existing.path === rule.path)?.config, `paths.${index}.config`, allowUnsetSecrets),
        }));

  return { rejectInvalid: input.rejectInvalid ?? current.rejectInvalid, default: defaultConfig, paths };
}

function completeConfig(input: ParsedAuthConfigInput, previous: AuthConfig | undefined, field: string, allowUnset: boolean): AuthConfig {
  const required = (value: string | undefined, name: string, what: string): string => (value === undefined && allowUnset ? '' : requireSecret(value, name, what));

  switch (input.scheme) {
    case 'none':
      return input;
    case 'secret': {
      const secret = input.secret ?? (previous?.scheme === 'secret' ? previous.secret : undefined);
      return { ...input, secret: required(secret, `${field}.secret`, 'the shared secret Vapi sends') };
    }
    case 'bearer': {
      const token = input.token ?? (previous?.scheme === 'bearer' ? previous.token : undefined);
      return { ...input, token: required(token, `${field}.token`, 'the bearer token Vapi sends') };
    }
    case 'hmac': {
      const secretKey = required(input.secretKey ?? (previous?.scheme === 'hmac' ? previous.secretKey : undefined), `${field}.secretKey`, 'the HMAC secret');

      if (input.secretIsBase64 && secretKey !== '' && !isBase64Text(secretKey)) {
        throw new SwitchboardError(
          'invalid_option',
          `Invalid auth setting ${field}.secretKey: secretIsBase64 is on but the secret is not base64 text. Turn secretIsBase64 off, or paste the base64 form of the secret.`,
          { field: `${field}.secretKey` },
        );
      }

      return { ...input, secretKey, payloadFormat: hmacPayloadFormat(input) };
    }
  }
}

function requireSecret(value: string | undefined, field: string, what: string): string {
  if (value === undefined) {
    throw new SwitchboardError('invalid_option', `Invalid auth setting ${field}: missing. Enter ${what}.`, { field });
  }

  return value;
}

/** The settings as the control API returns them: every secret replaced by whether it is set. */
export function authSettingsView(settings: AuthSettings, secretsPersisted: boolean): AuthSettingsView {
  return {
    rejectInvalid: settings.rejectInvalid,
    default: authConfigView(settings.default),
    paths: settings.paths.map((rule) => ({ path: rule.path, config: authConfigView(rule.config) })),
    secretsPersisted,
  };
}

function authConfigView(config: AuthConfig): AuthConfigView {
  switch (config.scheme) {
    case 'none':
      return config;
    case 'secret': {
      const { secret, ...rest } = config;
      return { ...rest, secretSet: secret !== '' };
    }
    case 'bearer': {
      const { token, ...rest } = config;
      return { ...rest, secretSet: token !== '' };
    }
    case 'hmac': {
      const { secretKey, ...rest } = config;
      return { ...rest, secretSet: secretKey !== '' };
    }
  }
}

/** Finds the rule for a request path: the longest rule path equal to it or above it, else the default. */
export function authRuleFor(settings: AuthSettings, path: string): { config: AuthConfig; pathRule: string | null } {
  let best: { config: AuthConfig; pathRule: string | null } = { config: settings.default, pathRule: null };

  for (const rule of settings.paths) {
    const covers = rule.path === '/' || path === rule.path || path.startsWith(`${rule.path}/`);

    if (covers && (best.pathRule === null || rule.path.length > best.pathRule.length)) {
      best = { config: rule.config, pathRule: rule.path };
    }
  }

  return best;
}

/** Short label of a config's scheme for banners and the status bar, such as `HMAC sha256`. */
export function authSchemeLabel(config: AuthConfig): string {
  switch (config.scheme) {
    case 'none':
      return 'none';
    case 'secret':
      return 'shared secret';
    case 'bearer':
      return 'bearer token';
    case 'hmac':
      return `HMAC ${config.algorithm}`;
  }
}

/** Returns the secret, token or key of a config, or '' when none is set. */
export function secretOf(config: Exclude<AuthConfig, NoAuthConfig>): string {
  switch (config.scheme) {
    case 'secret':
      return config.secret;
    case 'bearer':
      return config.token;
    case 'hmac':
      return config.secretKey;
  }
}
