import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-main/core/settings';
import { draftFromSettings, errorSummary, fieldOfError, invalidFields, settingsFromDraft } from '../../../src-renderer/src/settings/settings-form';

describe('settings form', () => {
  it('round-trips the defaults', () => {
    const { settings, errors } = settingsFromDraft(draftFromSettings(DEFAULT_SETTINGS));

    expect(errors).toEqual({});
    expect(settings).toEqual(DEFAULT_SETTINGS);
  });

  it('converts seconds and MiB', () => {
    const draft = { ...draftFromSettings(DEFAULT_SETTINGS), timeoutSeconds: '7.5', bodyLimitMiB: '2', targetUrl: ' http://localhost:3000/hook ' };
    const { settings } = settingsFromDraft(draft);

    expect(settings?.timeoutMs).toBe(7_500);
    expect(settings?.bodyLimitBytes).toBe(2 * 1024 ** 2);
    expect(settings?.targetUrl).toBe('http://localhost:3000/hook');
  });

  it('treats an empty target as none', () => {
    expect(settingsFromDraft({ ...draftFromSettings(DEFAULT_SETTINGS), targetUrl: '' }).settings?.targetUrl).toBeNull();
  });

  it('names each invalid field', () => {
    const draft = { ...draftFromSettings(DEFAULT_SETTINGS), port: '70000', timeoutSeconds: '0', bodyLimitMiB: 'big', targetUrl: 'localhost:3000' };
    const { settings, errors } = settingsFromDraft(draft);

    expect(settings).toBeNull();
    expect(errors.port).toContain('70000');
    expect(errors.timeoutSeconds).toBeDefined();
    expect(errors.bodyLimitMiB).toBeDefined();
    expect(errors.targetUrl).toContain('http://localhost:3000/vapi/webhook');
  });

  it('reads empty retention fields as no limit', () => {
    const draft = { ...draftFromSettings(DEFAULT_SETTINGS), keepCalls: '50', keepDays: '', keepMegabytes: '0' };
    const { settings, errors } = settingsFromDraft(draft);

    expect(settings).toBeNull();
    expect(errors.keepMegabytes).toContain('from 1 to 16777216');
    expect(settingsFromDraft({ ...draft, keepMegabytes: '' }).settings?.keepCalls).toBe(50);
    expect(settingsFromDraft({ ...draft, keepMegabytes: '' }).settings?.keepDays).toBeNull();
  });

  it.each([
    ['0.0001', 'below the minimum'],
    ['36501', 'above the maximum'],
    ['1e-9', 'in exponent notation'],
    ['0x10', 'in hexadecimal'],
  ])('rejects keep days %s (%s)', (keepDays) => {
    const { settings, errors } = settingsFromDraft({ ...draftFromSettings(DEFAULT_SETTINGS), keepDays });

    expect(settings).toBeNull();
    expect(errors.keepDays).toBe('Give days from 0.001 to 36500, such as 7 or 0.5, or leave it empty to keep every age.');
  });

  it('accepts keep days at both ends', () => {
    const draft = draftFromSettings(DEFAULT_SETTINGS);

    expect(settingsFromDraft({ ...draft, keepDays: '0.001' }).settings?.keepDays).toBe(0.001);
    expect(settingsFromDraft({ ...draft, keepDays: '36500' }).settings?.keepDays).toBe(36_500);
    expect(settingsFromDraft({ ...draft, keepDays: '.5' }).settings?.keepDays).toBe(0.5);
  });

  it('rejects a per-type timeout without a type', () => {
    const draft = { ...draftFromSettings(DEFAULT_SETTINGS), typeTimeouts: [{ type: '', seconds: '5' }] };

    expect(settingsFromDraft(draft).errors.typeTimeouts).toContain('event type');
  });

  it('maps core errors to fields', () => {
    expect(fieldOfError('invalid_option', 'timeoutMs')).toBe('timeoutSeconds');
    expect(fieldOfError('invalid_option', 'timeoutMsByType.hang')).toBe('typeTimeouts');
    expect(fieldOfError('port_in_use', null)).toBe('port');
    expect(fieldOfError('invalid_target_url', null)).toBe('targetUrl');
    expect(fieldOfError('internal_error', null)).toBeNull();
  });

  it('summarizes invalid fields in page order', () => {
    const draft = { ...draftFromSettings(DEFAULT_SETTINGS), keepDays: '-1', port: 'abc' };
    const { errors } = settingsFromDraft(draft);

    expect(invalidFields(errors)).toEqual(['port', 'keepDays']);
    expect(errorSummary(errors)).toBe('Not saved: 2 fields need a fix (Receive port, Keep days). Nothing was changed.');
    expect(errorSummary({ host: 'x' })).toBe('Not saved: 1 field needs a fix (Receive address). Nothing was changed.');
    expect(errorSummary({})).toBeNull();
  });
});
