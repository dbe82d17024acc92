import { describe, expect, it } from 'vitest';
import type { AuthSettingsView } from '../../../src-main/contract/auth';
import { draftFromView, emptyRule, inputFromDraft, ruleIndexOfField } from '../../../src-renderer/src/auth/auth-form';
import { nodeSnippet, visibleRuns } from '../../../src-renderer/src/auth/signed-bytes';

const VIEW: AuthSettingsView = {
  rejectInvalid: true,
  secretsPersisted: false,
  default: {
    scheme: 'hmac',
    secretSet: true,
    algorithm: 'sha512',
    signatureHeader: 'x-signature',
    timestampHeader: 'x-timestamp',
    signaturePrefix: 'sha512=',
    includeTimestamp: true,
    payloadFormat: '{timestamp}.{body}',
    messageIdHeader: null,
    signatureEncoding: 'base64',
    secretIsBase64: false,
    toleranceSeconds: 120,
    publicUrl: null,
  },
  paths: [{ path: '/tools', config: { scheme: 'bearer', secretSet: true, headerName: 'X-Key', bearerPrefixEnabled: false } }],
};

describe('auth form', () => {
  it('leaves out secrets not typed', () => {
    const input = inputFromDraft(draftFromView(VIEW));
    expect(input.default).toEqual({
      scheme: 'hmac',
      algorithm: 'sha512',
      signatureHeader: 'x-signature',
      timestampHeader: 'x-timestamp',
      signaturePrefix: 'sha512=',
      includeTimestamp: true,
      payloadFormat: '{timestamp}.{body}',
      messageIdHeader: null,
      signatureEncoding: 'base64',
      secretIsBase64: false,
      toleranceSeconds: 120,
      publicUrl: null,
    });
    expect(input.paths).toEqual([{ path: '/tools', config: { scheme: 'bearer', headerName: 'X-Key', bearerPrefixEnabled: false } }]);
    expect(input.rejectInvalid).toBe(true);
  });

  it('sends a typed secret', () => {
    const draft = draftFromView(VIEW);
    draft.rules[1] = { ...(draft.rules[1] as ReturnType<typeof emptyRule>), secret: 'new-token' };
    expect(inputFromDraft(draft).paths?.[0]?.config).toMatchObject({ scheme: 'bearer', token: 'new-token' });
  });

  it('starts new rules with Vapi defaults', () => {
    const rule = emptyRule('/x');
    expect(rule.signatureHeader).toBe('x-signature');
    expect(rule.timestampHeader).toBe('x-timestamp');
    expect(rule.payloadFormat).toBe('{timestamp}.{body}');
    expect(rule.algorithm).toBe('sha256');
    expect(rule.signatureEncoding).toBe('hex');
  });

  it('maps error fields to rules', () => {
    expect(ruleIndexOfField('default.secretKey')).toBe(0);
    expect(ruleIndexOfField('paths.2.config.token')).toBe(3);
    expect(ruleIndexOfField('rejectInvalid')).toBeNull();
    expect(ruleIndexOfField(null)).toBeNull();
  });
});

describe('signed bytes view', () => {
  it('marks control characters', () => {
    expect(visibleRuns('1.{"a":"b\\n"}\n')).toEqual([
      { text: '1.{"a":"b\\n"}', escape: false },
      { text: '↵\n', escape: true },
    ]);
    expect(visibleRuns('a\tb\r\u0001')).toEqual([
      { text: 'a', escape: false },
      { text: '→', escape: true },
      { text: 'b', escape: false },
      { text: '␍', escape: true },
      { text: '\\x01', escape: true },
    ]);
  });

  it('builds a Node.js check', () => {
    expect(nodeSnippet('sha256', 'hex', 'YQ==', true)).toBe(
      "require('node:crypto').createHmac('sha256', Buffer.from(process.env.SECRET, 'base64')).update(Buffer.from('YQ==', 'base64')).digest('hex')",
    );
  });
});
