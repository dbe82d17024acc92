/**
 * Error codes that cross the boundary between the core and its callers.
 * The messages and fixes live in the core's error table.
 */
export type ErrorCode =
  | 'target_unreachable'
  | 'target_timeout'
  | 'target_error'
  | 'no_target'
  | 'interrupted'
  | 'body_too_large'
  | 'invalid_target_url'
  | 'ipv6_needs_brackets'
  | 'invalid_option'
  | 'port_in_use'
  | 'port_not_permitted'
  | 'address_not_available'
  | 'database_unwritable'
  | 'database_not_found'
  | 'database_too_new'
  | 'database_corrupt'
  | 'database_foreign'
  | 'database_busy'
  | 'record_failed'
  | 'exchange_not_found'
  | 'unauthorized'
  | 'auth_failed'
  | 'forbidden_host'
  | 'forbidden_origin'
  | 'not_found'
  | 'invalid_request'
  | 'confirmation_required'
  | 'invalid_json'
  | 'invalid_json_pointer'
  | 'undecodable_body'
  | 'not_comparable'
  | 'internal_error'
  | 'invalid_mock_rule'
  | 'mock_rule_not_found';

/** The JSON body Switchboard sends whenever it answers with an error itself. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    [detail: string]: unknown;
  };
}

/** The envelope every control API call returns, since thrown errors lose their code across IPC. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string; field?: string } };
