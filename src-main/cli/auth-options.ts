import { InvalidArgumentError, Option, type Command } from 'commander';
import type { AuthConfigInput, AuthSettings } from '../contract/auth';
import { DEFAULT_TOLERANCE_SECONDS, NO_AUTH_SETTINGS, VAPI_DEFAULTS } from '../core/auth/auth-schema';
import { authSchemeLabel, mergeAuthSettings } from '../core/auth/auth-settings';
import { SwitchboardError } from '../core/errors';

/** The scheme options as commander parses them. Secret values come from flags or environment variables only. */
export interface AuthCliOptions {
  secret?: string;
  secretHeader?: string;
  bearerToken?: string;
  bearerHeader: string;
  bearerPrefix: boolean;
  hmacSecret?: string;
  hmacAlgorithm: string;
  hmacSignatureHeader: string;
  hmacTimestampHeader: string;
  hmacPrefix: string;
  hmacPayloadFormat?: string;
  hmacEncoding: string;
  hmacSecretBase64?: boolean;
  hmacNoTimestamp?: boolean;
  hmacTolerance: number;
  hmacPublicUrl?: string;
  hmacMessageIdHeader?: string;
  rejectInvalid?: boolean;
}

/** Boolean flags whose environment variable is read here, because commander treats any value, even `0`, as on. */
const BOOLEAN_ENV: Record<'bearerPrefix' | 'hmacSecretBase64' | 'hmacNoTimestamp' | 'rejectInvalid', string> = {
  bearerPrefix: 'SWITCHBOARD_BEARER_PREFIX',
  hmacSecretBase64: 'SWITCHBOARD_HMAC_SECRET_BASE64',
  hmacNoTimestamp: 'SWITCHBOARD_HMAC_NO_TIMESTAMP',
  rejectInvalid: 'SWITCHBOARD_REJECT_INVALID',
};

const HMAC_DETAIL_OPTIONS = ['hmacAlgorithm', 'hmacSignatureHeader', 'hmacTimestampHeader', 'hmacPrefix', 'hmacPayloadFormat', 'hmacEncoding', 'hmacSecretBase64', 'hmacNoTimestamp', 'hmacTolerance', 'hmacPublicUrl', 'hmacMessageIdHeader'];

function parseTolerance(value: string): number {
  const seconds = Number(value);

  if (!/^\d+$/.test(value.trim()) || seconds < 1 || seconds > 86_400) {
    throw new InvalidArgumentError(`"${value}" is not a tolerance. Give whole seconds from 1 to 86400, such as 300.`);
  }

  return seconds;
}

/**
 * Adds the options that set the expected authentication (or, for `sign`, the one to produce),
 * each with Vapi's default and an environment variable.
 */
export function addAuthSchemeOptions(command: Command): Command {
  return command
    .addOption(new Option('--secret <value>', 'shared secret Vapi sends in X-Vapi-Secret (or X-Vapi-Signature)').env('SWITCHBOARD_SECRET'))
    .addOption(new Option('--secret-header <name>', 'read the shared secret from this header only').env('SWITCHBOARD_SECRET_HEADER'))
    .addOption(new Option('--bearer-token <value>', 'token of a bearer credential').env('SWITCHBOARD_BEARER_TOKEN'))
    .addOption(new Option('--bearer-header <name>', 'header of the bearer credential').default(VAPI_DEFAULTS.bearerHeader).env('SWITCHBOARD_BEARER_HEADER'))
    .addOption(new Option('--no-bearer-prefix', `the bearer header carries the token without "Bearer " (env ${BOOLEAN_ENV.bearerPrefix}=false)`))
    .addOption(new Option('--hmac-secret <value>', 'secret of an HMAC credential').env('SWITCHBOARD_HMAC_SECRET'))
    .addOption(new Option('--hmac-algorithm <name>', 'HMAC algorithm').choices(['sha256', 'sha512', 'sha1']).default(VAPI_DEFAULTS.hmacAlgorithm).env('SWITCHBOARD_HMAC_ALGORITHM'))
    .addOption(new Option('--hmac-signature-header <name>', 'header that carries the signature').default(VAPI_DEFAULTS.hmacSignatureHeader).env('SWITCHBOARD_HMAC_SIGNATURE_HEADER'))
    .addOption(new Option('--hmac-timestamp-header <name>', 'header that carries the timestamp').default(VAPI_DEFAULTS.hmacTimestampHeader).env('SWITCHBOARD_HMAC_TIMESTAMP_HEADER'))
    .addOption(new Option('--hmac-prefix <text>', 'text before the signature, such as sha256=').default(VAPI_DEFAULTS.hmacSignaturePrefix, 'none').env('SWITCHBOARD_HMAC_PREFIX'))
    .addOption(
      new Option('--hmac-payload-format <format>', `signed bytes, with {timestamp} {body} {method} {url} {svix-id} (default: "${VAPI_DEFAULTS.hmacPayloadFormat}", or "{body}" with --hmac-no-timestamp)`).env(
        'SWITCHBOARD_HMAC_PAYLOAD_FORMAT',
      ),
    )
    .addOption(new Option('--hmac-encoding <encoding>', 'encoding of the signature').choices(['hex', 'base64']).default(VAPI_DEFAULTS.hmacEncoding).env('SWITCHBOARD_HMAC_ENCODING'))
    .addOption(new Option('--hmac-secret-base64', `the HMAC secret is base64 text to decode first (env ${BOOLEAN_ENV.hmacSecretBase64}=true)`))
    .addOption(new Option('--hmac-no-timestamp', `the credential sends no timestamp header (env ${BOOLEAN_ENV.hmacNoTimestamp}=true)`))
    .addOption(new Option('--hmac-tolerance <seconds>', 'seconds the timestamp may differ from this clock, either way').argParser(parseTolerance).default(DEFAULT_TOLERANCE_SECONDS).env('SWITCHBOARD_HMAC_TOLERANCE'))
    .addOption(new Option('--hmac-public-url <url>', 'the Server URL as set in Vapi, used for {url} (default: from the Host and X-Forwarded-* headers)').env('SWITCHBOARD_HMAC_PUBLIC_URL'))
    .addOption(new Option('--hmac-message-id-header <name>', 'header whose value fills {svix-id}').env('SWITCHBOARD_HMAC_MESSAGE_ID_HEADER'));
}

/** Adds `--reject-invalid` to `listen`. */
export function addRejectOption(command: Command): Command {
  return command.addOption(new Option('--reject-invalid', `answer 401 to requests that fail the authentication check instead of flagging and forwarding them (env ${BOOLEAN_ENV.rejectInvalid}=true)`));
}

/**
 * Builds auth settings from the parsed options and `env`. Throws a `SwitchboardError` when more
 * than one scheme is given, when HMAC details come without `--hmac-secret`, or when a value is
 * invalid. Messages name the option, never its value.
 */
export function authSettingsFromOptions(options: AuthCliOptions, command: Command, env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const resolved = { ...options };

  for (const [key, variable] of Object.entries(BOOLEAN_ENV) as [keyof typeof BOOLEAN_ENV, string][]) {
    if (command.getOptionValueSource(key) !== 'cli' && env[variable] !== undefined && command.options.some((option) => option.attributeName() === key)) {
      resolved[key] = booleanEnv(variable, env[variable] as string);
    }
  }

  const schemes = [resolved.secret !== undefined && '--secret', resolved.bearerToken !== undefined && '--bearer-token', resolved.hmacSecret !== undefined && '--hmac-secret'].filter(
    (flag): flag is string => flag !== false,
  );

  if (schemes.length > 1) {
    throw new SwitchboardError('invalid_option', `Pass only one of ${schemes.join(', ')}: Vapi sends one kind of authentication per server URL.`);
  }

  const strayHmac = HMAC_DETAIL_OPTIONS.find((key) => command.getOptionValueSource(key) === 'cli');

  if (resolved.hmacSecret === undefined && strayHmac !== undefined) {
    throw new SwitchboardError('invalid_option', `--${kebab(strayHmac)} applies only to an HMAC credential, which needs --hmac-secret (or SWITCHBOARD_HMAC_SECRET).`);
  }

  try {
    return mergeAuthSettings(NO_AUTH_SETTINGS, { rejectInvalid: resolved.rejectInvalid === true, default: configInput(resolved) });
  } catch (error) {
    throw withFlagName(error);
  }
}

/** The option that sets each field of the default rule, for messages that name what the user typed. */
const FIELD_FLAGS: Record<string, string> = {
  'default.headerName': '--secret-header or --bearer-header',
  'default.signatureHeader': '--hmac-signature-header',
  'default.timestampHeader': '--hmac-timestamp-header',
  'default.signaturePrefix': '--hmac-prefix',
  'default.payloadFormat': '--hmac-payload-format',
  'default.messageIdHeader': '--hmac-message-id-header',
  'default.secretKey': '--hmac-secret',
  'default.secret': '--secret',
  'default.token': '--bearer-token',
  'default.publicUrl': '--hmac-public-url',
};

function withFlagName(error: unknown): unknown {
  if (!(error instanceof SwitchboardError) || typeof error.details.field !== 'string') {
    return error;
  }

  const flag = FIELD_FLAGS[error.details.field];
  return flag === undefined ? error : new SwitchboardError(error.code, error.message.replace(`auth setting ${error.details.field}`, flag), error.details);
}

function configInput(options: AuthCliOptions): AuthConfigInput {
  if (options.secret !== undefined) {
    return { scheme: 'secret', secret: options.secret, headerName: options.secretHeader ?? null };
  }

  if (options.bearerToken !== undefined) {
    return { scheme: 'bearer', token: options.bearerToken, headerName: options.bearerHeader, bearerPrefixEnabled: options.bearerPrefix };
  }

  if (options.hmacSecret !== undefined) {
    const includeTimestamp = options.hmacNoTimestamp !== true;
    return {
      scheme: 'hmac',
      secretKey: options.hmacSecret,
      algorithm: options.hmacAlgorithm as 'sha256',
      signatureHeader: options.hmacSignatureHeader,
      timestampHeader: options.hmacTimestampHeader,
      signaturePrefix: options.hmacPrefix,
      includeTimestamp,
      payloadFormat: options.hmacPayloadFormat ?? (includeTimestamp ? VAPI_DEFAULTS.hmacPayloadFormat : '{body}'),
      messageIdHeader: options.hmacMessageIdHeader ?? null,
      signatureEncoding: options.hmacEncoding as 'hex',
      secretIsBase64: options.hmacSecretBase64 === true,
      toleranceSeconds: options.hmacTolerance,
      publicUrl: options.hmacPublicUrl ?? null,
    };
  }

  return { scheme: 'none' };
}

function booleanEnv(variable: string, value: string): boolean {
  const lower = value.trim().toLowerCase();

  if (['1', 'true', 'yes', 'on'].includes(lower)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(lower)) return false;

  throw new SwitchboardError('invalid_option', `${variable}="${value}" is not a boolean. Use true or false.`);
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Describes the expected authentication for the `listen` banner; never shows a secret. */
export function authBannerLine(settings: AuthSettings): string {
  const rules = settings.paths.length === 0 ? '' : ` (plus ${settings.paths.length} path rules)`;

  if (settings.default.scheme === 'none' && settings.paths.length === 0) {
    return 'Auth check: none (pass --secret, --bearer-token or --hmac-secret to check Vapi\'s authentication)';
  }

  const handling = settings.rejectInvalid ? 'failures get 401 and are not forwarded' : 'failures are flagged and still forwarded';
  return `Auth check:   ${authSchemeLabel(settings.default)}${rules}; ${handling}`;
}
