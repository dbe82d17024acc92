import { EventEmitter } from 'node:events';
import type { AuthCheck, AuthHeaders, AuthSettings, AuthSettingsView } from '../../contract/auth';
import type { AuthCheckStore } from '../../recorder/auth-check-store';
import { SwitchboardError } from '../errors';
import { NO_AUTH_SETTINGS } from './auth-schema';
import { authRuleFor, authSettingsView, mergeAuthSettings } from './auth-settings';
import type { AuthRequest } from './check-types';
import { signRequest, type OutgoingRequest, type SignOptions } from './sign';
import { verifyAuth } from './verify';

export interface RequestAuthEvents {
  /** The settings changed; the owner saves them where it keeps them. */
  changed: [settings: AuthSettings];
}

export interface RequestAuthOptions {
  settings?: AuthSettings;
  /** True when the owner saves secrets across restarts (the desktop app with an OS keychain). */
  secretsPersisted?: boolean;
}

/**
 * The engine's authentication: the current settings, the check of each received request with its
 * recorded explanation, and the signing of outgoing requests. Secrets stay inside; `view()` is
 * what leaves.
 */
export class RequestAuth extends EventEmitter<RequestAuthEvents> {
  private current: AuthSettings;
  private readonly checks: AuthCheckStore;
  private readonly secretsPersisted: boolean;

  constructor(checks: AuthCheckStore, options: RequestAuthOptions = {}) {
    super();
    this.checks = checks;
    this.current = options.settings ?? NO_AUTH_SETTINGS;
    this.secretsPersisted = options.secretsPersisted ?? false;
  }

  get settings(): AuthSettings {
    return this.current;
  }

  view(): AuthSettingsView {
    return authSettingsView(this.current, this.secretsPersisted);
  }

  /** Validates and applies a change; throws a `SwitchboardError` naming the bad field. */
  update(change: unknown): AuthSettingsView {
    this.current = mergeAuthSettings(this.current, change);
    this.emit('changed', this.current);
    return this.view();
  }

  check(request: AuthRequest): AuthCheck {
    return verifyAuth(this.current, request);
  }

  /** Reads the recorded explanation of an exchange's check, if one was kept. */
  explanation(exchangeId: number): AuthCheck | undefined {
    return this.checks.get(exchangeId);
  }

  /** Returns true when rejection is on and the request did not pass a configured check. */
  rejects(check: AuthCheck): boolean {
    return this.current.rejectInvalid && (check.state === 'invalid' || check.state === 'missing' || check.state === 'empty');
  }

  /**
   * Signs an outgoing request under the rule for `rulePath` (a replay passes the path its original
   * arrived on), or for its URL's path; null when that rule has no secret.
   */
  sign(request: OutgoingRequest, options: SignOptions = {}, rulePath?: string): AuthHeaders | null {
    const { config } = authRuleFor(this.current, rulePath ?? new URL(request.url).pathname);
    return signRequest(config, request, options);
  }
}

/** Builds the 401 error sent for a request that failed its check while rejection is on. */
export function authRejection(check: AuthCheck): SwitchboardError {
  const state = check.state === 'invalid' ? `invalid (${check.reason ?? 'unknown reason'})` : check.state;
  return new SwitchboardError(
    'auth_failed',
    `Authentication ${state}: ${check.message} The request was not forwarded, because rejecting invalid requests is on.`,
    { auth: check.state, authReason: check.reason },
  );
}
