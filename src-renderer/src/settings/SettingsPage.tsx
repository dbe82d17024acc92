import { useEffect, useState } from 'react';
import type { Settings } from '../../../src-main/contract/settings';
import { ApiError, callApi } from '../api/control-client';
import { ClearHistory } from './ClearHistory';
import { draftFromSettings, errorSummary, fieldOfError, invalidFields, settingsFromDraft, type DraftErrors, type SettingsDraft } from './settings-form';

/** Focuses the first invalid field, which may be far above the Save button. */
function focusFirstInvalid(errors: DraftErrors): void {
  const field = invalidFields(errors)[0];
  if (field === undefined) return;
  const element = document.getElementById(field === 'typeTimeouts' ? 'setting-typeTimeouts' : `setting-${field}`);
  element?.focus();
  element?.scrollIntoView({ block: 'center' });
}

interface FieldProps {
  id: keyof SettingsDraft;
  label: string;
  hint: string;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

function Field({ id, label, hint, value, error, onChange }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={`setting-${id}`}>{label}</label>
      <input id={`setting-${id}`} value={value} aria-invalid={error !== undefined} aria-describedby={`setting-${id}-note`} onChange={(event) => onChange(event.target.value)} />
      <span className={error === undefined ? 'hint' : 'field-error'} id={`setting-${id}-note`} role={error === undefined ? undefined : 'alert'}>
        {error ?? hint}
      </span>
    </div>
  );
}

/** Port, target, timeouts and body limit, applied by the running core without a restart. */
export function SettingsPage() {
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    callApi<Settings>('/api/settings')
      .then((settings) => setDraft(draftFromSettings(settings)))
      .catch((error: unknown) => setStatus({ text: `Could not load the settings: ${(error as Error).message}`, failed: true }));
  }, []);

  if (draft === null) return <div className="settings muted">{status?.text ?? 'Loading settings…'}</div>;

  const change = (patch: Partial<SettingsDraft>): void => {
    setDraft({ ...draft, ...patch });
    setStatus(null);
  };

  const save = async (): Promise<void> => {
    const checked = settingsFromDraft(draft);
    setErrors(checked.errors);

    if (checked.settings === null) {
      setStatus({ text: errorSummary(checked.errors) ?? 'Not saved.', failed: true });
      focusFirstInvalid(checked.errors);
      return;
    }

    setSaving(true);
    try {
      const saved = await callApi<Settings>('/api/settings', { method: 'PATCH', body: checked.settings });
      setDraft(draftFromSettings(saved));
      setStatus({ text: 'Saved and applied. The next request uses the new settings.', failed: false });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('internal_error', String(error));
      const field = fieldOfError(apiError.code, apiError.field);

      if (field === null) {
        setStatus({ text: `Not saved: ${apiError.message}`, failed: true });
      } else {
        const fieldErrors = { [field]: apiError.message };
        setErrors(fieldErrors);
        setStatus({ text: errorSummary(fieldErrors) ?? 'Not saved.', failed: true });
        focusFirstInvalid(fieldErrors);
      }
    } finally {
      setSaving(false);
    }
  };

  const setTypeTimeout = (index: number, patch: Partial<{ type: string; seconds: string }>): void => {
    change({ typeTimeouts: draft.typeTimeouts.map((entry, position) => (position === index ? { ...entry, ...patch } : entry)) });
  };

  return (
    <form
      className="settings"
      data-testid="settings"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2>Settings</h2>
      <p className="muted">Changes apply at once, without a restart. A new port or address rebinds the receiver; update your tunnel if the port changes.</p>
      <Field id="targetUrl" label="Target URL" hint="Your server, such as http://localhost:3000/vapi/webhook. Leave empty to record without forwarding." value={draft.targetUrl} error={errors.targetUrl} onChange={(targetUrl) => change({ targetUrl })} />
      <Field id="port" label="Receive port" hint="Port Vapi's requests arrive on (through your tunnel); 0 picks a free port." value={draft.port} error={errors.port} onChange={(port) => change({ port })} />
      <Field id="host" label="Receive address" hint="127.0.0.1 accepts only this machine (tunnels connect locally); 0.0.0.0 accepts every interface." value={draft.host} error={errors.host} onChange={(host) => change({ host })} />
      <Field id="timeoutSeconds" label="Forward timeout (s)" hint="How long to wait for your server before answering 504. Vapi waits 20 s by default." value={draft.timeoutSeconds} error={errors.timeoutSeconds} onChange={(timeoutSeconds) => change({ timeoutSeconds })} />
      <div className="field">
        <label>Timeouts by event type (s)</label>
        <div>
          <div className="type-timeouts">
            {draft.typeTimeouts.map((entry, index) => (
              <div key={index} style={{ display: 'contents' }}>
                <input id={index === 0 ? 'setting-typeTimeouts' : undefined} aria-label={`Event type ${index + 1}`} value={entry.type} onChange={(event) => setTypeTimeout(index, { type: event.target.value })} />
                <input aria-label={`Timeout for event type ${index + 1} in seconds`} value={entry.seconds} onChange={(event) => setTypeTimeout(index, { seconds: event.target.value })} />
                <button type="button" className="icon-button" onClick={() => change({ typeTimeouts: draft.typeTimeouts.filter((_entry, position) => position !== index) })}>
                  Remove
                </button>
              </div>
            ))}
          </div>
          <button type="button" className="icon-button" style={{ marginTop: 6 }} onClick={() => change({ typeTimeouts: [...draft.typeTimeouts, { type: '', seconds: '20' }] })}>
            Add a type
          </button>
        </div>
        <span className={errors.typeTimeouts === undefined ? 'hint' : 'field-error'} role={errors.typeTimeouts === undefined ? undefined : 'alert'}>
          {errors.typeTimeouts ?? 'Vapi gives up on assistant-request after 7.5 s, so keep its timeout below that.'}
        </span>
      </div>
      <Field id="bodyLimitMiB" label="Body limit (MiB)" hint="Larger requests get 413 and are not forwarded. End-of-call reports of long calls reach several MB." value={draft.bodyLimitMiB} error={errors.bodyLimitMiB} onChange={(bodyLimitMiB) => change({ bodyLimitMiB })} />
      <h3>Retention</h3>
      <p className="muted">Older exchanges are deleted once a limit is passed. Leave a field empty for no limit.</p>
      <Field id="keepCalls" label="Keep calls" hint="Keep the exchanges of this many most recently active calls." value={draft.keepCalls} error={errors.keepCalls} onChange={(keepCalls) => change({ keepCalls })} />
      <Field id="keepDays" label="Keep days" hint="Keep exchanges received within this many days." value={draft.keepDays} error={errors.keepDays} onChange={(keepDays) => change({ keepDays })} />
      <Field id="keepMegabytes" label="Keep MiB" hint="Keep the recorded data under this size by pruning the oldest exchanges." value={draft.keepMegabytes} error={errors.keepMegabytes} onChange={(keepMegabytes) => change({ keepMegabytes })} />
      <ClearHistory />
      <div className="settings-actions">
        <button className="primary-button" type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save and apply'}
        </button>
        <span className={status?.failed === true ? 'save-failed' : 'saved'} role={status?.failed === true ? 'alert' : 'status'} data-testid="settings-status">
          {status?.text}
        </span>
      </div>
    </form>
  );
}
