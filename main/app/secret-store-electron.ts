import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { SecretStore } from '../core/settings/secret-store.js';
import { createSafeStorageSecretStore } from './safe-storage-secret-store.js';

export interface ElectronSecretStoreOptions {
  /** The data directory: the ciphertext goes to `<dir>/secrets.json` (0600). */
  dir: string;
  name?: string;
  allowWithoutKeyring: () => boolean;
}

/** safeStorage + electron-store. Create after app 'ready' (safeStorage needs it). */
export function createElectronSecretStore(opts: ElectronSecretStoreOptions): SecretStore {
  const kv = new Store<Record<string, string>>({
    name: 'secrets',
    cwd: opts.dir,
    configFileMode: 0o600,
    clearInvalidConfig: true,
    accessPropertiesByDotNotation: false,
  });
  return createSafeStorageSecretStore({
    safeStorage,
    kv: { get: (k) => kv.get(k), set: (k, v) => kv.set(k, v), delete: (k) => kv.delete(k) },
    platform: process.platform,
    allowWithoutKeyring: opts.allowWithoutKeyring,
    ...(opts.name ? { name: opts.name } : {}),
  });
}
