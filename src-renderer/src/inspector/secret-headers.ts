import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/**
 * Headers that carry Vapi's credentials, by lowercase name, with the shell variable a copied
 * cURL command uses in place of the value. The inspector masks their values on screen only:
 * replays still send the recorded bytes.
 */
const SECRET_HEADERS: ReadonlyMap<string, string> = new Map([
  ['x-vapi-secret', '$VAPI_SECRET'],
  ['x-vapi-signature', '$VAPI_SIGNATURE'],
  ['authorization', '$AUTHORIZATION'],
]);

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.trim().toLowerCase());
}

/** Returns the shell variable that replaces a secret header's value, or null for other headers. */
export function secretPlaceholder(name: string): string | null {
  return SECRET_HEADERS.get(name.trim().toLowerCase()) ?? null;
}

/** Describes a hidden value by its length only, such as `••••••• (24 chars)`. */
export function maskedValue(value: string): string {
  return `••••••• (${value.length} ${value.length === 1 ? 'char' : 'chars'})`;
}

interface RevealedSecrets {
  /** The exchange the revealed values belong to; opening another exchange hides them again. */
  exchangeId: number | null;
  /** Revealed values by key, such as `request:2` for the third request header. */
  keys: ReadonlySet<string>;
  toggle(exchangeId: number, key: string): void;
}

export const revealedSecretsStore = createStore<RevealedSecrets>()((set, get) => ({
  exchangeId: null,
  keys: new Set(),

  toggle: (exchangeId, key) => {
    const keys = new Set(get().exchangeId === exchangeId ? get().keys : []);
    if (keys.has(key)) keys.delete(key);
    else keys.add(key);
    set({ exchangeId, keys });
  },
}));

/** Returns whether the header at `key` of `exchangeId` is shown in clear. */
export function useRevealed(exchangeId: number, key: string): boolean {
  return useStore(revealedSecretsStore, (state) => state.exchangeId === exchangeId && state.keys.has(key));
}

/** Returns the indexes of the request headers of `exchangeId` that are shown in clear. */
export function revealedRequestHeaders(exchangeId: number): Set<number> {
  const state = revealedSecretsStore.getState();
  if (state.exchangeId !== exchangeId) return new Set();
  return new Set([...state.keys].filter((key) => key.startsWith('request:')).map((key) => Number(key.slice('request:'.length))));
}
