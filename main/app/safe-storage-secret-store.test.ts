import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store.js';

const TOKEN = 'tok-Distinctive-81c2e0';

/**
 * Stands in for Electron's safeStorage (an Electron API, not one of our modules): a reversible
 * transform whose output never contains the plain text, and a switchable Linux backend.
 */
function fakeSafeStorage(backend: string, available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) =>
      Buffer.concat([Buffer.from('v10'), Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a))]),
    decryptString: (b) => {
      if (b.subarray(0, 3).toString() !== 'v10')
        throw new Error('Error while decrypting the ciphertext provided');
      return Buffer.from([...b.subarray(3)].map((x) => x ^ 0x5a)).toString();
    },
    getSelectedStorageBackend: () => backend,
  };
}

let dir: string;
let kv: Conf<Record<string, string>>;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-safe-'));
  kv = new Conf({
    cwd: dir,
    configName: 'secrets',
    configFileMode: 0o600,
    accessPropertiesByDotNotation: false,
  });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const fileText = () => (fs.existsSync(kv.path) ? fs.readFileSync(kv.path, 'utf8') : '');
const wrap = () => ({
  get: (k: string) => kv.get(k),
  set: (k: string, v: string) => kv.set(k, v),
  delete: (k: string) => kv.delete(k),
});

describe('createSafeStorageSecretStore', () => {
  it('with a keyring: encrypted on disk, survives a restart, reports encrypted', async () => {
    const make = () =>
      createSafeStorageSecretStore({
        safeStorage: fakeSafeStorage('gnome_libsecret'),
        kv: wrap(),
        platform: 'linux',
        allowWithoutKeyring: () => false,
      });
    await make().set(`  ${TOKEN}\n`);
    expect(fileText()).not.toContain(TOKEN);
    expect(fileText().length).toBeGreaterThan(0);
    expect(await make().get()).toBe(TOKEN);
    expect(make().describe()).toEqual({
      encrypted: true,
      backend: 'safeStorage:gnome_libsecret',
      persistent: true,
    });
  });

  it('on macOS/Windows the platform names the backend', () => {
    const s = createSafeStorageSecretStore({
      safeStorage: fakeSafeStorage('unused'),
      kv: wrap(),
      platform: 'darwin',
      allowWithoutKeyring: () => false,
    });
    expect(s.describe()).toMatchObject({ encrypted: true, backend: 'safeStorage:darwin' });
  });

  it('Linux basic_text without opt-in: session only, nothing on disk, and it says so', async () => {
    const s = createSafeStorageSecretStore({
      safeStorage: fakeSafeStorage('basic_text'),
      kv: wrap(),
      platform: 'linux',
      allowWithoutKeyring: () => false,
    });
    await s.set(TOKEN);
    expect(await s.get()).toBe(TOKEN);
    expect(fileText()).not.toContain(TOKEN);
    expect(kv.get('openscan')).toBeUndefined();
    expect(s.describe()).toMatchObject({ encrypted: false, backend: 'memory', persistent: false });
    expect(s.describe().note).toMatch(/keyring/);
    const afterRestart = createSafeStorageSecretStore({
      safeStorage: fakeSafeStorage('basic_text'),
      kv: wrap(),
      platform: 'linux',
      allowWithoutKeyring: () => false,
    });
    expect(await afterRestart.get()).toBeUndefined();
  });

  it('Linux basic_text with opt-in: kept on disk, still reported as not encrypted', async () => {
    const s = createSafeStorageSecretStore({
      safeStorage: fakeSafeStorage('basic_text'),
      kv: wrap(),
      platform: 'linux',
      allowWithoutKeyring: () => true,
    });
    await s.set(TOKEN);
    expect(kv.get('openscan')).toEqual(expect.any(String));
    expect(fileText()).not.toContain(TOKEN);
    expect(s.describe()).toMatchObject({
      encrypted: false,
      backend: 'safeStorage:basic_text',
      persistent: true,
    });
  });

  it('no encryption at all: memory only', async () => {
    const s = createSafeStorageSecretStore({
      safeStorage: fakeSafeStorage('unknown', false),
      kv: wrap(),
      platform: 'linux',
      allowWithoutKeyring: () => true,
    });
    await s.set(TOKEN);
    expect(kv.get('openscan')).toBeUndefined();
    expect(s.describe()).toMatchObject({ encrypted: false, persistent: false });
  });

  it('clear() forgets both copies; undecryptable ciphertext reads as no token', async () => {
    const s = createSafeStorageSecretStore({
      safeStorage: fakeSafeStorage('kwallet5'),
      kv: wrap(),
      platform: 'linux',
      allowWithoutKeyring: () => false,
    });
    await s.set(TOKEN);
    await s.clear();
    expect(await s.get()).toBeUndefined();
    kv.set('openscan', Buffer.from('\u0000\u0001').toString('base64'));
    expect(await s.get()).toBeUndefined();
  });

  it('refuses junk tokens before storing anything', async () => {
    const s = createSafeStorageSecretStore({
      safeStorage: fakeSafeStorage('kwallet5'),
      kv: wrap(),
      platform: 'linux',
      allowWithoutKeyring: () => false,
    });
    await expect(s.set(' \n ')).rejects.toThrow(/empty/);
    expect(kv.get('openscan')).toBeUndefined();
  });
});
