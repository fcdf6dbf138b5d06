import { safeStorage } from 'electron';
import Store from 'electron-store';
import { DiskError } from '../core/errors.js';
import {
  createMemorySecretStore,
  normalizeToken,
  type SecretStore,
  type SecretStoreInfo,
} from '../core/settings/secret-store.js';

export interface ElectronSecretStoreOptions {
  /** The data directory: the ciphertext goes to `<dir>/secrets.json` (0600). */
  dir: string;
  /** Which secret ('openscan', 'nodeodm-<profile>'…). */
  name?: string;
  /** The user's opt-in to keep the token on disk when only basic_text "encryption" exists. */
  allowWithoutKeyring: () => boolean;
}

const NO_KEYRING_NOTE =
  'No system keyring was found (Linux "basic_text" storage), so the token cannot be encrypted. ' +
  'It is kept for this session only; allow storing it without a keyring in Settings to keep it across restarts.';

/**
 * The token encrypted with Electron's safeStorage (Keychain, DPAPI, libsecret/KWallet) and the
 * ciphertext kept with electron-store. Must be created after app 'ready' (safeStorage needs it).
 * On Linux without a keyring safeStorage silently uses a hard-coded key: we do not call that
 * encryption. The token then stays in memory unless the user opted in.
 */
export function createElectronSecretStore(opts: ElectronSecretStoreOptions): SecretStore {
  const key = opts.name ?? 'openscan';
  const store = new Store<Record<string, string>>({
    name: 'secrets',
    cwd: opts.dir,
    configFileMode: 0o600,
    clearInvalidConfig: true,
    accessPropertiesByDotNotation: false,
  });
  const session = createMemorySecretStore(NO_KEYRING_NOTE);

  const backend = (): string =>
    process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform;
  const strong = (): boolean => safeStorage.isEncryptionAvailable() && backend() !== 'basic_text';
  const persist = (): boolean =>
    safeStorage.isEncryptionAvailable() && (strong() || opts.allowWithoutKeyring());

  return {
    async get() {
      const inMemory = await session.get();
      if (inMemory) return inMemory;
      const b64 = store.get(key);
      if (typeof b64 !== 'string' || !safeStorage.isEncryptionAvailable()) return undefined;
      try {
        return normalizeToken(safeStorage.decryptString(Buffer.from(b64, 'base64')));
      } catch {
        // Encrypted by another user/keyring, or damaged: the user is asked again, nothing leaks.
        return undefined;
      }
    },
    async set(token) {
      const clean = normalizeToken(token);
      if (!persist()) {
        store.delete(key);
        await session.set(clean);
        return;
      }
      try {
        store.set(key, safeStorage.encryptString(clean).toString('base64'));
      } catch (e) {
        throw new DiskError(`Cannot save the token: ${(e as Error).message}`, e);
      }
      await session.clear();
    },
    async clear() {
      store.delete(key);
      await session.clear();
    },
    describe(): SecretStoreInfo {
      if (!safeStorage.isEncryptionAvailable()) {
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
