import { DiskError } from '../core/errors.js';
import {
  createMemorySecretStore,
  normalizeToken,
  type SecretStore,
  type SecretStoreInfo,
} from '../core/settings/secret-store.js';

/** The parts of Electron's safeStorage we use (passed in, so this file stays free of Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only; other platforms pass undefined. */
  getSelectedStorageBackend?: () => string;
}

/** Where the ciphertext lives: electron-store in the app, any conf-like store in tests. */
export interface KeyValueFile {
  get(key: string): unknown;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export interface SafeStorageSecretStoreOptions {
  safeStorage: SafeStorageLike;
  kv: KeyValueFile;
  /** Which secret ('openscan', 'nodeodm-<profile>'…). */
  name?: string;
  platform: NodeJS.Platform;
  /** The user's opt-in to keep the token on disk when only basic_text "encryption" exists. */
  allowWithoutKeyring: () => boolean;
}

export const NO_KEYRING_NOTE =
  'No system keyring was found (Linux "basic_text" storage), so the token cannot be encrypted. ' +
  'It is kept for this session only; allow storing it without a keyring in Settings to keep it across restarts.';

/**
 * The token encrypted with safeStorage (Keychain, DPAPI, libsecret/KWallet), ciphertext in a
 * file. On Linux without a keyring safeStorage silently uses a hard-coded key: we do not call that
 * encryption, and keep the token in memory unless the user opted in.
 */
export function createSafeStorageSecretStore(opts: SafeStorageSecretStoreOptions): SecretStore {
  const key = opts.name ?? 'openscan';
  const { safeStorage, kv } = opts;
  const session = createMemorySecretStore(NO_KEYRING_NOTE);
  const backend = (): string =>
    opts.platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : opts.platform;
  const available = (): boolean => safeStorage.isEncryptionAvailable();
  const strong = (): boolean => available() && backend() !== 'basic_text';
  const persist = (): boolean => available() && (strong() || opts.allowWithoutKeyring());

  return {
    async get() {
      const inMemory = await session.get();
      if (inMemory) return inMemory;
      const b64 = kv.get(key);
      if (typeof b64 !== 'string' || !available()) return undefined;
      try {
        return normalizeToken(safeStorage.decryptString(Buffer.from(b64, 'base64')));
      } catch {
        // Encrypted under another user or keyring, or damaged: the user is asked again; nothing leaks.
        return undefined;
      }
    },
    async set(token) {
      const clean = normalizeToken(token);
      if (!persist()) {
        kv.delete(key);
        await session.set(clean);
        return;
      }
      try {
        kv.set(key, safeStorage.encryptString(clean).toString('base64'));
      } catch (e) {
        throw new DiskError(`Cannot save the token: ${(e as Error).message}`, e, {
          detail: 'keyStore',
          params: {},
        });
      }
      await session.clear();
    },
    async clear() {
      kv.delete(key);
      await session.clear();
    },
    describe(): SecretStoreInfo {
      if (!available()) {
        return {
          encrypted: false,
          backend: 'memory',
          persistent: false,
          note: 'Encryption is not available on this system; the token is kept for this session only.',
        };
      }
      const b = backend();
      if (b === 'basic_text') {
        return opts.allowWithoutKeyring()
          ? {
              encrypted: false,
              backend: 'safeStorage:basic_text',
              persistent: true,
              note: 'No system keyring: the token is stored obfuscated, not encrypted, in a file only you can read.',
            }
          : { encrypted: false, backend: 'memory', persistent: false, note: NO_KEYRING_NOTE };
      }
      return { encrypted: true, backend: `safeStorage:${b}`, persistent: true };
    },
  };
}
