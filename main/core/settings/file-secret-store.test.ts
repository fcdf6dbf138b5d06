import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { createFileSecretStore } from './file-secret-store.js';
import { createMemorySecretStore, normalizeToken } from './secret-store.js';
import { openSettingsStore } from './store.js';

const TOKEN = 'tok-Distinctive-7f3a9c';
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-secret-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function allFilesUnder(d: string): string[] {
  return fs
    .readdirSync(d, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('createFileSecretStore', () => {
  it('round-trips a token and reports that it is not encrypted', async () => {
    const s = createFileSecretStore({ dir });
    expect(await s.get()).toBeUndefined();
    await s.set(TOKEN);
    expect(await s.get()).toBe(TOKEN);
    expect(await createFileSecretStore({ dir }).get()).toBe(TOKEN);
    expect(s.describe()).toMatchObject({ encrypted: false, backend: 'file', persistent: true });
  });

  it.runIf(process.platform !== 'win32')(
    'file is 0600 in a 0700 folder, even under a permissive umask',
    async () => {
      const old = process.umask(0o000);
      try {
        const s = createFileSecretStore({ dir });
        await s.set(TOKEN);
        expect(fs.statSync(s.path).mode & 0o777).toBe(0o600);
        expect(fs.statSync(path.dirname(s.path)).mode & 0o777).toBe(0o700);
        // A pre-existing loose folder is tightened too.
        fs.chmodSync(path.dirname(s.path), 0o755);
        fs.chmodSync(s.path, 0o644);
        await s.set(TOKEN + 'x');
        expect(fs.statSync(s.path).mode & 0o777).toBe(0o600);
        expect(fs.statSync(path.dirname(s.path)).mode & 0o777).toBe(0o700);
      } finally {
        process.umask(old);
      }
    },
  );

  it('never writes the token in clear, and never into the settings file', async () => {
    const settings = openSettingsStore({ dir });
    settings.update({ concurrency: 3 });
    const s = createFileSecretStore({ dir });
    await s.set(TOKEN);
    const files = allFilesUnder(dir);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) expect(fs.readFileSync(f, 'utf8')).not.toContain(TOKEN);
    expect(fs.readFileSync(settings.path, 'utf8')).not.toContain('tok-');
  });

  it('normalises pasted tokens and refuses junk without touching the stored one', async () => {
    const s = createFileSecretStore({ dir });
    await s.set(`  ${TOKEN}\r\n`);
    expect(await s.get()).toBe(TOKEN);
    await expect(s.set('   \n')).rejects.toBeInstanceOf(InvalidInputError);
    await expect(s.set('tök')).rejects.toThrow(/characters/);
    expect(await s.get()).toBe(TOKEN);
  });

  it('clear() removes it; clearing twice is fine', async () => {
    const s = createFileSecretStore({ dir });
    await s.set(TOKEN);
    await s.clear();
    await s.clear();
    expect(await s.get()).toBeUndefined();
    expect(fs.existsSync(s.path)).toBe(false);
  });

  it('a damaged file reads as "no token" rather than crashing', async () => {
    const s = createFileSecretStore({ dir });
    await s.set(TOKEN);
    fs.writeFileSync(s.path, '{garbage');
    expect(await s.get()).toBeUndefined();
    fs.writeFileSync(s.path, JSON.stringify({ v: 2, s: 'x' }));
    expect(await s.get()).toBeUndefined();
  });

  it('keeps one secret per name (e.g. per NodeODM profile) and rejects path-like names', async () => {
    const a = createFileSecretStore({ dir, name: 'nodeodm-lab' });
    const b = createFileSecretStore({ dir });
    await a.set('aaa');
    await b.set('bbb');
    expect(await a.get()).toBe('aaa');
    expect(await b.get()).toBe('bbb');
    expect(() => createFileSecretStore({ dir, name: '../evil' })).toThrow(/Invalid secret name/);
  });
});

describe('normalizeToken', () => {
  it('strips every kind of whitespace and zero-width characters', () => {
    expect(normalizeToken(' ab c\n\td\u200B ')).toBe('abcd');
  });
  it('rejects non-strings, empty, over-long and non-ASCII input', () => {
    expect(() => normalizeToken(42)).toThrow(InvalidInputError);
    expect(() => normalizeToken('')).toThrow(/empty/);
    expect(() => normalizeToken('x'.repeat(513))).toThrow(/too long/);
    expect(() => normalizeToken('„token"')).toThrow(InvalidInputError);
  });
});

describe('createMemorySecretStore', () => {
  it('holds the token for the session only and says so', async () => {
    const s = createMemorySecretStore('No keyring');
    await s.set(TOKEN);
    expect(await s.get()).toBe(TOKEN);
    expect(s.describe()).toEqual({
      encrypted: false,
      backend: 'memory',
      persistent: false,
      note: 'No keyring',
    });
    await s.clear();
    expect(await s.get()).toBeUndefined();
  });
});
