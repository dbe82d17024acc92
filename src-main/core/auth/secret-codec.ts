/**
 * Seals secrets before they are written to the database, and opens them when read back. The
 * desktop shell supplies one backed by the OS keychain (Electron `safeStorage`), so the core never
 * imports Electron. Where no codec is available, secrets are kept in memory only.
 */
export interface SecretCodec {
  seal(secret: string): string;
  /** Throws when the text cannot be opened, such as after a move to another machine or user. */
  open(sealed: string): string;
}
