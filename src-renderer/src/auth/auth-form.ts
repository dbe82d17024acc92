import type { AuthConfigInput, AuthConfigView, AuthScheme, AuthSettingsInput, AuthSettingsView, HmacAlgorithm, SignatureEncoding } from '../../../src-main/contract/auth';

/** One rule as the form edits it: every field as text or a flag, whatever the scheme. */
export interface RuleDraft {
  /** '' for the default rule. */
  path: string;
  scheme: AuthScheme;
  /** The scheme saved in the core; its secret is kept when `secret` stays empty. */
  savedScheme: AuthScheme;
  secretSet: boolean;
  /** A new secret typed by the user; '' keeps the saved one. */
  secret: string;
  headerName: string;
  bearerPrefixEnabled: boolean;
  algorithm: HmacAlgorithm;
  signatureHeader: string;
  timestampHeader: string;
  signaturePrefix: string;
  includeTimestamp: boolean;
  payloadFormat: string;
  messageIdHeader: string;
  signatureEncoding: SignatureEncoding;
  secretIsBase64: boolean;
  toleranceSeconds: string;
  publicUrl: string;
}

export interface AuthDraft {
  rejectInvalid: boolean;
  secretsPersisted: boolean;
  /** The default rule first, then one per path. */
  rules: RuleDraft[];
}

/** Creates a rule with Vapi's defaults. */
export function emptyRule(path: string): RuleDraft {
  return {
    path,
    scheme: 'none',
    savedScheme: 'none',
    secretSet: false,
    secret: '',
    headerName: '',
    bearerPrefixEnabled: true,
    algorithm: 'sha256',
    signatureHeader: 'x-signature',
    timestampHeader: 'x-timestamp',
    signaturePrefix: '',
    includeTimestamp: true,
    payloadFormat: '{timestamp}.{body}',
    messageIdHeader: '',
    signatureEncoding: 'hex',
    secretIsBase64: false,
    toleranceSeconds: '300',
    publicUrl: '',
  };
}

function ruleFromView(path: string, config: AuthConfigView): RuleDraft {
  const rule = { ...emptyRule(path), scheme: config.scheme, savedScheme: config.scheme };

  switch (config.scheme) {
    case 'none':
      return rule;
    case 'secret':
      return { ...rule, secretSet: config.secretSet, headerName: config.headerName ?? '' };
    case 'bearer':
      return { ...rule, secretSet: config.secretSet, headerName: config.headerName, bearerPrefixEnabled: config.bearerPrefixEnabled };
    case 'hmac':
      return {
        ...rule,
        secretSet: config.secretSet,
        algorithm: config.algorithm,
        signatureHeader: config.signatureHeader,
        timestampHeader: config.timestampHeader,
        signaturePrefix: config.signaturePrefix,
        includeTimestamp: config.includeTimestamp,
        payloadFormat: config.payloadFormat,
        messageIdHeader: config.messageIdHeader ?? '',
        signatureEncoding: config.signatureEncoding,
        secretIsBase64: config.secretIsBase64,
        toleranceSeconds: String(config.toleranceSeconds),
        publicUrl: config.publicUrl ?? '',
      };
  }
}

export function draftFromView(view: AuthSettingsView): AuthDraft {
  return {
    rejectInvalid: view.rejectInvalid,
    secretsPersisted: view.secretsPersisted,
    rules: [ruleFromView('', view.default), ...view.paths.map((rule) => ruleFromView(rule.path, rule.config))],
  };
}

function configInput(rule: RuleDraft): AuthConfigInput {
  const typed = rule.secret !== '';

  switch (rule.scheme) {
    case 'none':
      return { scheme: 'none' };
    case 'secret':
      return { scheme: 'secret', ...(typed ? { secret: rule.secret } : {}), headerName: rule.headerName.trim() === '' ? null : rule.headerName.trim() };
    case 'bearer':
      return { scheme: 'bearer', ...(typed ? { token: rule.secret } : {}), headerName: rule.headerName.trim() === '' ? 'Authorization' : rule.headerName.trim(), bearerPrefixEnabled: rule.bearerPrefixEnabled };
    case 'hmac':
      return {
        scheme: 'hmac',
        ...(typed ? { secretKey: rule.secret } : {}),
        algorithm: rule.algorithm,
        signatureHeader: rule.signatureHeader,
        timestampHeader: rule.timestampHeader,
        signaturePrefix: rule.signaturePrefix,
        includeTimestamp: rule.includeTimestamp,
        payloadFormat: rule.payloadFormat,
        messageIdHeader: rule.messageIdHeader.trim() === '' ? null : rule.messageIdHeader.trim(),
        signatureEncoding: rule.signatureEncoding,
        secretIsBase64: rule.secretIsBase64,
        // A value that is not a number goes to the core as is, so its error names the field.
        toleranceSeconds: /^\d+$/.test(rule.toleranceSeconds.trim()) ? Number(rule.toleranceSeconds) : (rule.toleranceSeconds as unknown as number),
        publicUrl: rule.publicUrl.trim() === '' ? null : rule.publicUrl.trim(),
      };
  }
}

/** Builds the settings to send. A secret field left empty is left out, so the core keeps the saved one. */
export function inputFromDraft(draft: AuthDraft): AuthSettingsInput {
  const [defaultRule, ...pathRules] = draft.rules;
  return {
    rejectInvalid: draft.rejectInvalid,
    default: configInput(defaultRule as RuleDraft),
    paths: pathRules.map((rule) => ({ path: rule.path, config: configInput(rule) })),
  };
}

/** Index of the rule an error field such as `paths.1.config.secretKey` belongs to, or null. */
export function ruleIndexOfField(field: string | null): number | null {
  if (field === null) return null;
  if (field.startsWith('default')) return 0;

  const match = /^paths\.(\d+)/.exec(field);
  return match === null ? null : Number(match[1]) + 1;
}
