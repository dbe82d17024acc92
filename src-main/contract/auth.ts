/**
 * Settings and results of Vapi request authentication, shared by the core, the control API and
 * the renderer. Types only: no Node, DOM or Electron imports.
 *
 * Field names and defaults follow the webhook credential types of `@vapi-ai/server-sdk` 2.0.1
 * (`BearerAuthenticationPlan`, `HmacAuthenticationPlan`).
 */
import type { AuthState, HeaderPair } from './exchange';

export type AuthScheme = 'none' | 'secret' | 'bearer' | 'hmac';

export type HmacAlgorithm = 'sha256' | 'sha512' | 'sha1';

export type SignatureEncoding = 'hex' | 'base64';

/** No authentication is expected. */
export interface NoAuthConfig {
  scheme: 'none';
}

/** A shared secret sent verbatim in a header (`serverUrlSecret` or `server.secret` in Vapi). */
export interface SecretAuthConfig {
  scheme: 'secret';
  secret: string;
  /** The header that carries the secret; null accepts `X-Vapi-Secret` and its older name `X-Vapi-Signature`. */
  headerName: string | null;
}

/** A bearer credential: the token in a header, by default `Authorization: Bearer <token>`. */
export interface BearerAuthConfig {
  scheme: 'bearer';
  token: string;
  headerName: string;
  /** Whether the header value starts with `Bearer `. */
  bearerPrefixEnabled: boolean;
}

/** An HMAC credential: a signature over a payload built from the body, the timestamp and more. */
export interface HmacAuthConfig {
  scheme: 'hmac';
  secretKey: string;
  algorithm: HmacAlgorithm;
  signatureHeader: string;
  timestampHeader: string;
  /** Text before the encoded signature, such as `sha256=`; '' for none. */
  signaturePrefix: string;
  /** Whether a timestamp header is sent and checked against `toleranceSeconds`. */
  includeTimestamp: boolean;
  /** The signed payload with `{timestamp}`, `{body}`, `{method}`, `{url}` and `{svix-id}` placeholders. */
  payloadFormat: string;
  /** Header carrying the message id for `{svix-id}`; null when the format does not use it. */
  messageIdHeader: string | null;
  signatureEncoding: SignatureEncoding;
  /** Whether `secretKey` is base64 text to decode before use. */
  secretIsBase64: boolean;
  /** How far the timestamp may be from the clock, in seconds, in either direction. */
  toleranceSeconds: number;
  /** The Server URL as set in Vapi, used for `{url}`; null derives it from the Host and X-Forwarded-* headers. */
  publicUrl: string | null;
}

export type AuthConfig = NoAuthConfig | SecretAuthConfig | BearerAuthConfig | HmacAuthConfig;

/** Authentication expected on one receive path and the paths below it. */
export interface AuthPathRule {
  /** A path such as `/vapi/tools`; it also covers `/vapi/tools/...`. */
  path: string;
  config: AuthConfig;
}

/** The authentication that incoming events must carry. */
export interface AuthSettings {
  /** Reply 401 to requests that fail the check, instead of flagging them and forwarding. */
  rejectInvalid: boolean;
  /** The check for paths that no rule covers. */
  default: AuthConfig;
  /** Per-path checks; the longest matching path wins. */
  paths: AuthPathRule[];
}

type WithoutSecret<T, K extends keyof T> = Omit<T, K> & {
  /** Whether a secret is set; the secret itself is never sent out. */
  secretSet: boolean;
};

/** An `AuthConfig` as the control API returns it: secrets replaced by whether they are set. */
export type AuthConfigView =
  | NoAuthConfig
  | WithoutSecret<SecretAuthConfig, 'secret'>
  | WithoutSecret<BearerAuthConfig, 'token'>
  | WithoutSecret<HmacAuthConfig, 'secretKey'>;

export interface AuthSettingsView {
  rejectInvalid: boolean;
  default: AuthConfigView;
  paths: { path: string; config: AuthConfigView }[];
  /** False when secrets live in memory only and are gone after a restart (the CLI, or no OS keychain). */
  secretsPersisted: boolean;
}

/**
 * An `AuthConfig` as the control API accepts it. A secret left out keeps the one already set for
 * the same path and scheme; other fields left out take Vapi's defaults.
 */
export type AuthConfigInput =
  | NoAuthConfig
  | ({ scheme: 'secret'; secret?: string } & Partial<Omit<SecretAuthConfig, 'scheme' | 'secret'>>)
  | ({ scheme: 'bearer'; token?: string } & Partial<Omit<BearerAuthConfig, 'scheme' | 'token'>>)
  | ({ scheme: 'hmac'; secretKey?: string } & Partial<Omit<HmacAuthConfig, 'scheme' | 'secretKey'>>);

export interface AuthSettingsInput {
  rejectInvalid?: boolean;
  default?: AuthConfigInput;
  paths?: { path: string; config: AuthConfigInput }[];
}

/** The cause of a failed check. */
export type AuthReason =
  | 'mismatch'
  | 'wrong_secret_format'
  | 'wrong_prefix'
  | 'wrong_encoding'
  | 'wrong_algorithm'
  | 'timestamp_missing'
  | 'timestamp_invalid'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'message_id_missing';

/** The exact bytes an HMAC covers, so a developer can reproduce the value in their own code. */
export interface SignedPayload {
  payloadFormat: string;
  bytesBase64: string;
  /** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
  text: string | null;
  /** The value used for `{url}`, or null when the format does not use it. */
  url: string | null;
  /** The value used for `{timestamp}`, exactly as the header carried it. */
  timestamp: string | null;
}

/** The HMAC side of an explanation. */
export interface HmacExplanation {
  algorithm: HmacAlgorithm;
  encoding: SignatureEncoding;
  prefix: string;
  secretIsBase64: boolean;
  /** The signature the configured secret gives for the signed bytes, prefix included. */
  expectedSignature: string;
  receivedSignature: string | null;
  signed: SignedPayload;
  /** The unit read from the timestamp's magnitude. */
  timestampUnit: 's' | 'ms' | null;
  /** Seconds between the timestamp and the clock when the request arrived; negative when it lies in the future. */
  timestampAgeSeconds: number | null;
  toleranceSeconds: number;
}

/** The result of checking one request, with what was expected and what arrived. */
export interface AuthCheck {
  state: AuthState;
  reason: AuthReason | null;
  scheme: AuthScheme;
  /** The path rule that applied, or null for the default. */
  pathRule: string | null;
  /** One or two sentences describing the result. */
  message: string;
  /** The headers and bytes a correct request carries, one line each. Secrets are described, never shown. */
  expected: string[];
  /** The authentication headers as they arrived; a null value means the header was absent. */
  received: { name: string; value: string | null }[];
  /** The change that fixes the failure, when the cause is known. */
  fix: string | null;
  hmac: HmacExplanation | null;
}

/** Headers that authenticate one outgoing request, and a label for the exchange's `signature` column. */
export interface AuthHeaders {
  headers: HeaderPair[];
  /** Such as `hmac-sha256`, `bearer` or `secret`. */
  signature: string;
  /** The bytes the HMAC covers; null for schemes that sign nothing. */
  signed: SignedPayload | null;
}
