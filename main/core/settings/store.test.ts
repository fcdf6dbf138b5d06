import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { DEFAULT_ENDPOINT, defaultSettings, sanitizeSettings } from './schema.js';
import { openSettingsStore } from './store.js';
import { dataDirFor, defaultDataDir } from './data-dir.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-settings-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});
const readFile = () =>
  JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;

describe('settings defaults', () => {
  it('match the documented defaults', () => {
    const s = defaultSettings();
    expect(s.endpoint).toBe('http://openscanfeedback.dnsuser.de:1334');
    expect(s.endpoint).toBe(DEFAULT_ENDPOINT);
    expect(s.concurrency).toBe(4);
    expect(s.partSize).toBe('auto');
    expect(s.bandwidthCapMBps).toBe(0);
    expect(s.autoDownload).toBe(true);
    expect(s.profiles).toEqual([]);
    expect(s.windowBounds).toBeNull();
    expect(s.locale).toBe('system');
    expect(s.storeTokenWithoutKeyring).toBe(false);
  });
});

describe('openSettingsStore', () => {
  it('creates the file with defaults and platform overrides on first open', () => {
    const store = openSettingsStore({ dir, defaults: { downloadDir: '/home/u/Downloads/ScanBridge' } });
    expect(store.warnings).toEqual([]);
    expect(store.get().downloadDir).toBe('/home/u/Downloads/ScanBridge');
    expect(readFile().concurrency).toBe(4);
    expect(store.path).toBe(path.join(dir, 'settings.json'));
  });

  it.runIf(process.platform !== 'win32')('creates a missing data folder private (0700)', () => {
    const nested = path.join(dir, 'a', 'data');
    openSettingsStore({ dir: nested });
    expect(fs.statSync(nested).mode & 0o777).toBe(0o700);
  });

  it.runIf(process.platform !== 'win32')(
    'saves by replacing the whole file (owner-only, no temp file left beside it)',
    () => {
      const store = openSettingsStore({ dir });
      store.update({ concurrency: 7 });
      store.update({ concurrency: 5 });
      expect(fs.readdirSync(dir)).toEqual(['settings.json']);
      expect(fs.statSync(store.path).mode & 0o777).toBe(0o600);
      expect(readFile().concurrency).toBe(5);
    },
  );

  it('persists updates across reopen and notifies listeners', () => {
    const store = openSettingsStore({ dir });
    const seen: number[] = [];
    const off = store.onChange((s) => seen.push(s.concurrency));
    store.update({
      concurrency: 8,
      partSize: 50_000_000,
      windowBounds: { width: 1200, height: 800, maximized: true },
    });
    off();
    store.update({ concurrency: 2 });
    expect(seen).toEqual([8]);
    const again = openSettingsStore({ dir });
    expect(again.get().concurrency).toBe(2);
    expect(again.get().partSize).toBe(50_000_000);
    expect(again.get().windowBounds).toEqual({ width: 1200, height: 800, maximized: true });
  });

  it('rejects invalid patches with the field named, and keeps the previous value', () => {
    const store = openSettingsStore({ dir });
    expect(() => store.update({ concurrency: 0 })).toThrow(InvalidInputError);
    expect(() => store.update({ concurrency: 0 })).toThrow(/concurrency/);
    expect(() => store.update({ partSize: 300_000_000 })).toThrow(/partSize/);
    expect(() => store.update({ endpoint: 'ftp://x' })).toThrow(/endpoint/);
    expect(() => store.update({ endpoint: 'https://user:pw@host' })).toThrow(/endpoint/);
    expect(() => store.update({ profiles: [{ name: 'n', kind: 'ssh' as 'local' }] })).toThrow(/profiles/);
    expect(store.get().concurrency).toBe(4);
    expect(readFile().concurrency).toBe(4);
  });

  it('refuses unknown keys in a patch, so a token cannot be written into the settings file', () => {
    const store = openSettingsStore({ dir });
    const patch = { token: 'tok-SECRET-123' } as unknown as Parameters<typeof store.update>[0];
    expect(() => store.update(patch)).toThrow(InvalidInputError);
    expect(fs.readFileSync(store.path, 'utf8')).not.toContain('tok-SECRET-123');
  });

  it('malformed JSON: defaults, a warning, the bad file kept aside, never a crash', () => {
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"concurrency": 8,,,');
    const store = openSettingsStore({ dir });
    expect(store.get()).toEqual(defaultSettings());
    expect(store.warnings.join(' ')).toMatch(/not valid JSON/);
    expect(fs.readFileSync(path.join(dir, 'settings.invalid.json'), 'utf8')).toBe('{"concurrency": 8,,,');
    expect(readFile().concurrency).toBe(4);
  });

  it('keeps valid fields, resets only the invalid ones, drops unknown keys', () => {
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ concurrency: 6, partSize: -5, locale: 'klingon', token: 'abc', autoDownload: false }),
    );
    const store = openSettingsStore({ dir });
    const s = store.get();
    expect(s.concurrency).toBe(6);
    expect(s.autoDownload).toBe(false);
    expect(s.partSize).toBe('auto');
    expect(s.locale).toBe('system');
    expect(store.warnings.some((w) => w.includes('"partSize"'))).toBe(true);
    expect(store.warnings.some((w) => w.includes('"locale"'))).toBe(true);
    expect(store.warnings.some((w) => w.includes('token'))).toBe(true);
    expect(readFile()).not.toHaveProperty('token');
  });

  it('refuses a profile of the wrong shape (options as a list) with a message, keeps the others, never wipes it from the file', () => {
    const listOptions = [{ name: 'pc-quality', value: 'low' }];
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({
        profiles: [
          { name: 'Lab', kind: 'nodeodm', endpoint: 'http://lab:3000', options: listOptions },
          {
            name: 'Cluster',
            kind: 'nodeodm',
            endpoint: 'http://cluster:3000',
            options: { 'mesh-size': 5000 },
          },
        ],
      }),
    );
    const store = openSettingsStore({ dir });
    expect(store.get().profiles.map((p) => p.name)).toEqual(['Cluster']);
    expect(store.warnings.join('\n')).toMatch(
      /Profile "Lab" .*refused .*options must be an object .*not a list/,
    );
    // Saving something else writes the refused profile back exactly as it was.
    store.update({ concurrency: 7 });
    store.update({ profiles: [...store.get().profiles, { name: 'Other', kind: 'local' }] });
    const onDisk = readFile() as { concurrency: number; profiles: { name: string; options?: unknown }[] };
    expect(onDisk.concurrency).toBe(7);
    expect(onDisk.profiles.map((p) => p.name)).toEqual(['Cluster', 'Other', 'Lab']);
    expect(onDisk.profiles.find((p) => p.name === 'Lab')?.options).toEqual(listOptions);
    // Reopening still refuses it, and still keeps Cluster and Other.
    expect(
      openSettingsStore({ dir })
        .get()
        .profiles.map((p) => p.name),
    ).toEqual(['Cluster', 'Other']);
  });

  it('a file holding a non-object (array, null, number) gives defaults', () => {
    for (const bad of ['[]', 'null', '42', '"x"']) {
      fs.writeFileSync(path.join(dir, 'settings.json'), bad);
      const store = openSettingsStore({ dir });
      expect(store.get()).toEqual(defaultSettings());
      expect(store.warnings.length).toBeGreaterThan(0);
    }
  });

  it('get() returns a copy', () => {
    const store = openSettingsStore({ dir });
    const s = store.get();
    s.profiles.push({ name: 'x', kind: 'local' });
    expect(store.get().profiles).toEqual([]);
  });

  it('reset() restores defaults on disk', () => {
    const store = openSettingsStore({ dir });
    store.update({ concurrency: 9 });
    store.reset();
    expect(readFile().concurrency).toBe(4);
  });

  it('writes atomically: no temp files left behind', () => {
    const store = openSettingsStore({ dir });
    for (let i = 1; i <= 10; i++) store.update({ concurrency: i });
    expect(fs.readdirSync(dir).sort()).toEqual(['settings.json']);
  });
});

describe('sanitizeSettings', () => {
  it('never throws on arbitrary input', () => {
    for (const raw of [undefined, null, 1, 'x', [], { profiles: 'x' }, { windowBounds: { width: -1 } }]) {
      expect(() => sanitizeSettings(raw)).not.toThrow();
    }
  });
});

describe('defaultDataDir', () => {
  it('honours SCANBRIDGE_DATA_DIR, XDG, macOS and Windows conventions', () => {
    expect(defaultDataDir({ SCANBRIDGE_DATA_DIR: '/tmp/x' }, 'linux', '/home/u')).toBe('/tmp/x');
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/ScanBridge');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe('/cfg/ScanBridge');
    expect(defaultDataDir({ XDG_CONFIG_HOME: 'relative' }, 'linux', '/home/u')).toBe(
      '/home/u/.config/ScanBridge',
    );
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/ScanBridge');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\ScanBridge',
    );
  });

  it('a given folder (the CLI flag) wins, resolved; blank falls back to SCANBRIDGE_DATA_DIR', () => {
    const env = { SCANBRIDGE_DATA_DIR: '/tmp/env' };
    expect(dataDirFor('rel/dir', env)).toBe(path.resolve('rel/dir'));
    expect(dataDirFor('  ', env)).toBe('/tmp/env');
    expect(dataDirFor(undefined, { SCANBRIDGE_DATA_DIR: ' ./d ' })).toBe(path.resolve('./d'));
  });
});
