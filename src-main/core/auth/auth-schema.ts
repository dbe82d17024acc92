import { z } from 'zod';
import type { AuthSettings } from '../../contract/auth';

/** Vapi's defaults, from the webhook credential types of `@vapi-ai/server-sdk` 2.0.1. */
export const VAPI_DEFAULTS = {
  secretHeaders: ['X-Vapi-Secret', 'X-Vapi-Signature'],
  bearerHeader: 'Authorization',
  bearerPrefixEnabled: true,
  hmacAlgorithm: 'sha256',
  hmacSignatureHeader: 'x-signature',
  hmacTimestampHeader: 'x-timestamp',
  hmacSignaturePrefix: '',
  hmacPayloadFormat: '{timestamp}.{body}',
  hmacEncoding: 'hex',
} as const;

/** Not a Vapi setting: how far a timestamp may drift from the clock before the request counts as a replay. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export const NO_AUTH_SETTINGS: AuthSettings = { rejectInvalid: false, default: { scheme: 'none' }, paths: [] };

/** Placeholders a payload format may use. */
export const PAYLOAD_PLACEHOLDERS = ['timestamp', 'body', 'method', 'url', 'svix-id'] as const;

const MAX_SECRET_LENGTH = 4096;

// RFC 9110 token characters.
const headerName = z
  .string()
  .trim()
  .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, 'must be an HTTP header name such as x-signature (letters, digits and - only)');

const secretValue = z.string().min(1, 'must not be empty').max(MAX_SECRET_LENGTH, `must be at most ${MAX_SECRET_LENGTH} characters`);

const publicUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value), 'must be an http or https URL such as https://example.ngrok.app/vapi');

const payloadFormat = z
  .string()
  .min(1, 'must not be empty')
  .superRefine((format, context) => {
    for (const match of format.matchAll(/\{([^{}]*)\}/g)) {
      if (!(PAYLOAD_PLACEHOLDERS as readonly string[]).includes(match[1] as string)) {
        context.addIssue({
          code: 'custom',
          message: `has the unknown placeholder {${match[1]}}; use ${PAYLOAD_PLACEHOLDERS.map((name) => `{${name}}`).join(', ')}`,
        });
      }
    }
  });

const secretInput = z.object({
  scheme: z.literal('secret'),
  secret: secretValue.optional(),
  headerName: headerName.nullable().default(null),
});

const bearerInput = z.object({
  scheme: z.literal('bearer'),
  token: secretValue.optional(),
  headerName: headerName.default(VAPI_DEFAULTS.bearerHeader),
  bearerPrefixEnabled: z.boolean().default(VAPI_DEFAULTS.bearerPrefixEnabled),
});

const hmacInput = z
  .object({
    scheme: z.literal('hmac'),
    secretKey: secretValue.optional(),
    algorithm: z.enum(['sha256', 'sha512', 'sha1']).default(VAPI_DEFAULTS.hmacAlgorithm),
    signatureHeader: headerName.default(VAPI_DEFAULTS.hmacSignatureHeader),
    timestampHeader: headerName.default(VAPI_DEFAULTS.hmacTimestampHeader),
    signaturePrefix: z.string().max(64).default(VAPI_DEFAULTS.hmacSignaturePrefix),
    includeTimestamp: z.boolean().default(true),
    payloadFormat: payloadFormat.optional(),
    messageIdHeader: headerName.nullable().default(null),
    signatureEncoding: z.enum(['hex', 'base64']).default(VAPI_DEFAULTS.hmacEncoding),
    secretIsBase64: z.boolean().default(false),
    toleranceSeconds: z.number().int().min(1, 'must be at least 1 second').max(86_400, 'must be at most 86400 seconds (one day)').default(DEFAULT_TOLERANCE_SECONDS),
    publicUrl: publicUrl.nullable().default(null),
  })
  .superRefine((config, context) => {
    const format = hmacPayloadFormat(config);

    // NOTE: what Vapi signs when includeTimestamp is off is undocumented. Without a timestamp the
    // format defaults to {body}, and an explicit {timestamp} is rejected rather than guessed at.
    if (!config.includeTimestamp && format.includes('{timestamp}')) {
      context.addIssue({
        code: 'custom',
        path: ['payloadFormat'],
        message: 'uses {timestamp} but includeTimestamp is off; remove {timestamp} (for example use {body}) or turn includeTimestamp on',
      });
    }

    if (config.messageIdHeader === null && format.includes('{svix-id}')) {
      context.addIssue({ code: 'custom', path: ['messageIdHeader'], message: 'must be set because the payload format uses {svix-id}' });
    }
  });

/** The payload format of an HMAC input: the given one, or the default for its timestamp setting. */
export function hmacPayloadFormat(config: { payloadFormat?: string | undefined; includeTimestamp: boolean }): string {
  return config.payloadFormat ?? (config.includeTimestamp ? VAPI_DEFAULTS.hmacPayloadFormat : '{body}');
}

export const authConfigInputSchema = z.discriminatedUnion('scheme', [z.object({ scheme: z.literal('none') }), secretInput, bearerInput, hmacInput]);

const receivePath = z
  .string()
  .trim()
  .regex(/^\/[^\s?#]*$/, 'must be a path that starts with / and has no query, such as /vapi/tools')
  .transform((path) => (path.length > 1 ? path.replace(/\/+$/, '') : path));

export const authSettingsInputSchema = z
  .object({
    rejectInvalid: z.boolean().optional(),
    default: authConfigInputSchema.optional(),
    paths: z.array(z.object({ path: receivePath, config: authConfigInputSchema })).max(100).optional(),
  })
  .strict()
  .superRefine((settings, context) => {
    const seen = new Set<string>();

    for (const [index, rule] of (settings.paths ?? []).entries()) {
      if (seen.has(rule.path)) {
        context.addIssue({ code: 'custom', path: ['paths', index, 'path'], message: `repeats ${rule.path}; give each path one rule` });
      }

      seen.add(rule.path);
    }
  });

export type ParsedAuthConfigInput = z.infer<typeof authConfigInputSchema>;
export type ParsedAuthSettingsInput = z.infer<typeof authSettingsInputSchema>;
