import { useEffect, useState } from 'react';
import type { AuthScheme, AuthSettingsView } from '../../../src-main/contract/auth';
import { ApiError, callApi } from '../api/control-client';
import { SCHEME_NAMES } from './auth-labels';
import { draftFromView, emptyRule, inputFromDraft, ruleIndexOfField, type AuthDraft, type RuleDraft } from './auth-form';
import './auth.css';

const SECRET_LABELS: Record<AuthScheme, string> = { none: '', secret: 'Secret', bearer: 'Token', hmac: 'HMAC secret' };

interface RuleEditorProps {
  rule: RuleDraft;
  index: number;
  error: string | undefined;
  onChange(patch: Partial<RuleDraft>): void;
  onRemove: (() => void) | null;
}

function TextField({ id, label, value, placeholder, onChange }: { id: string; label: string; value: string; placeholder?: string; onChange(value: string): void }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} placeholder={placeholder} onChange={(event) => onChange(event.target.value)} />
    </>
  );
}

function Check({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <>
      <span />
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} /> {label}
      </label>
    </>
  );
}

/** Edits one rule: the scheme and every field it uses, with the secret as a write-only field. */
function RuleEditor({ rule, index, error, onChange, onRemove }: RuleEditorProps) {
  const id = (name: string): string => `auth-${index}-${name}`;
  const secretKept = rule.secretSet && rule.scheme === rule.savedScheme;
  const secretLabel = SECRET_LABELS[rule.scheme];

  return (
    <div className="auth-rule" data-testid={`auth-rule-${index}`}>
      <div className="auth-rule-head">
        {onRemove === null ? <strong>All paths (default)</strong> : <TextField id={id('path')} label="Path" value={rule.path} placeholder="/vapi/tools" onChange={(path) => onChange({ path })} />}
        <select aria-label="Scheme" value={rule.scheme} onChange={(event) => onChange({ scheme: event.target.value as AuthScheme })}>
          {(Object.keys(SCHEME_NAMES) as AuthScheme[]).map((scheme) => (
            <option key={scheme} value={scheme}>
              {SCHEME_NAMES[scheme]}
            </option>
          ))}
        </select>
        {onRemove !== null && (
          <button type="button" className="icon-button" onClick={onRemove}>
            Remove
          </button>
        )}
      </div>
      {rule.scheme !== 'none' && (
        <div className="auth-fields">
          <label htmlFor={id('secret')}>{secretLabel}</label>
          <input
            id={id('secret')}
            type="password"
            autoComplete="off"
            value={rule.secret}
            placeholder={secretKept ? 'set; leave empty to keep it' : 'not set'}
            onChange={(event) => onChange({ secret: event.target.value })}
          />
          {rule.scheme === 'secret' && <TextField id={id('header')} label="Header" value={rule.headerName} placeholder="X-Vapi-Secret or X-Vapi-Signature" onChange={(headerName) => onChange({ headerName })} />}
          {rule.scheme === 'bearer' && (
            <>
              <TextField id={id('header')} label="Header" value={rule.headerName} placeholder="Authorization" onChange={(headerName) => onChange({ headerName })} />
              <Check id={id('prefix')} label='Value starts with "Bearer "' checked={rule.bearerPrefixEnabled} onChange={(bearerPrefixEnabled) => onChange({ bearerPrefixEnabled })} />
            </>
          )}
          {rule.scheme === 'hmac' && <HmacFields rule={rule} id={id} onChange={onChange} />}
        </div>
      )}
      {error !== undefined && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function HmacFields({ rule, id, onChange }: { rule: RuleDraft; id(name: string): string; onChange(patch: Partial<RuleDraft>): void }) {
  return (
    <>
      <label htmlFor={id('algorithm')}>Algorithm</label>
      <select id={id('algorithm')} value={rule.algorithm} onChange={(event) => onChange({ algorithm: event.target.value as RuleDraft['algorithm'] })}>
        <option value="sha256">sha256</option>
        <option value="sha512">sha512</option>
        <option value="sha1">sha1</option>
      </select>
      <label htmlFor={id('encoding')}>Encoding</label>
      <select id={id('encoding')} value={rule.signatureEncoding} onChange={(event) => onChange({ signatureEncoding: event.target.value as RuleDraft['signatureEncoding'] })}>
        <option value="hex">hex</option>
        <option value="base64">base64</option>
      </select>
      <TextField id={id('signature-header')} label="Signature header" value={rule.signatureHeader} onChange={(signatureHeader) => onChange({ signatureHeader })} />
      <TextField id={id('prefix')} label="Signature prefix" value={rule.signaturePrefix} placeholder="none, or such as sha256=" onChange={(signaturePrefix) => onChange({ signaturePrefix })} />
      <Check id={id('include-timestamp')} label="Timestamp header is sent and checked" checked={rule.includeTimestamp} onChange={(includeTimestamp) => onChange({ includeTimestamp })} />
      <TextField id={id('timestamp-header')} label="Timestamp header" value={rule.timestampHeader} onChange={(timestampHeader) => onChange({ timestampHeader })} />
      <TextField id={id('tolerance')} label="Tolerance (s)" value={rule.toleranceSeconds} onChange={(toleranceSeconds) => onChange({ toleranceSeconds })} />
      <TextField id={id('payload')} label="Payload format" value={rule.payloadFormat} placeholder="{timestamp}.{body}" onChange={(payloadFormat) => onChange({ payloadFormat })} />
      <TextField id={id('message-id')} label="Message id header" value={rule.messageIdHeader} placeholder="for {svix-id}" onChange={(messageIdHeader) => onChange({ messageIdHeader })} />
      <TextField id={id('public-url')} label="Server URL for {url}" value={rule.publicUrl} placeholder="from the Host and X-Forwarded-* headers" onChange={(publicUrl) => onChange({ publicUrl })} />
      <Check id={id('base64')} label="Secret is base64 text to decode first" checked={rule.secretIsBase64} onChange={(secretIsBase64) => onChange({ secretIsBase64 })} />
    </>
  );
}

/** Edits the expected authentication of incoming events: the default rule, per-path rules, and rejection. */
export function AuthSettingsSection() {
  const [draft, setDraft] = useState<AuthDraft | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [ruleErrors, setRuleErrors] = useState<Record<number, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    callApi<AuthSettingsView>('/api/auth')
      .then((view) => setDraft(draftFromView(view)))
      .catch((error: unknown) => setStatus(`Could not load the authentication settings: ${(error as Error).message}`));
  }, []);

  if (draft === null) return <section className="settings auth-settings muted">{status ?? 'Loading authentication settings…'}</section>;

  const changeRule = (index: number, patch: Partial<RuleDraft>): void => {
    setDraft({ ...draft, rules: draft.rules.map((rule, position) => (position === index ? { ...rule, ...patch } : rule)) });
    setStatus(null);
  };

  const save = async (): Promise<void> => {
    setSaving(true);
    setRuleErrors({});

    try {
      const saved = await callApi<AuthSettingsView>('/api/auth', { method: 'PUT', body: inputFromDraft(draft) });
      setDraft(draftFromView(saved));
      setStatus('Saved. The next request is checked with these settings.');
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('internal_error', String(error));
      const index = ruleIndexOfField(apiError.field);

      if (index === null) setStatus(apiError.message);
      else setRuleErrors({ [index]: apiError.message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="settings auth-settings"
      data-testid="auth-settings"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2>Authentication of incoming events</h2>
      <p className="muted">
        Set what Vapi sends: the server's secret, a bearer credential or an HMAC credential. Each request is checked and the result shown in the list. Secrets are never shown again once saved.
        {draft.secretsPersisted ? ' They are stored encrypted with the system keychain.' : ' They are kept in memory only and must be entered again after a restart.'}
      </p>
      <label>
        <input type="checkbox" checked={draft.rejectInvalid} onChange={(event) => setDraft({ ...draft, rejectInvalid: event.target.checked })} /> Reject requests that fail the check with 401 instead of flagging and forwarding them
      </label>
      {draft.rules.map((rule, index) => (
        <RuleEditor
          key={index}
          rule={rule}
          index={index}
          error={ruleErrors[index]}
          onChange={(patch) => changeRule(index, patch)}
          onRemove={index === 0 ? null : () => setDraft({ ...draft, rules: draft.rules.filter((_rule, position) => position !== index) })}
        />
      ))}
      <button type="button" className="icon-button" onClick={() => setDraft({ ...draft, rules: [...draft.rules, emptyRule('')] })}>
        Add a rule for a path
      </button>{' '}
      <button className="primary-button" type="submit" disabled={saving}>
        {saving ? 'Saving…' : 'Save authentication'}
      </button>
      {status !== null && (
        <span className="saved" role="status" data-testid="auth-settings-status">
          {status}
        </span>
      )}
    </form>
  );
}
