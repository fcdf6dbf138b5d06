import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

/**
 * electron-builder.yml against electron-builder's own JSON schema, offline (the schema ships in
 * app-builder-lib), plus the project's packaging rules the schema cannot express.
 */
const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// js-yaml is what electron-builder itself parses its config with (a dependency of app-builder-lib).
const yaml = require(
  require.resolve('js-yaml', { paths: [path.dirname(require.resolve('app-builder-lib/package.json'))] }),
) as {
  load(text: string): unknown;
};

const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
// Parsed YAML, checked field by field below: `any` keeps those checks readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Loose;

type Target = { target: string; arch?: string[] };

const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json', () => {
    const ajv = new Ajv();
    const ok = validate(config);
    expect(ajv.errorsText(validate.errors, { separator: '\n' })).toBe('No errors');
    expect(ok).toBe(true);
  });

  it('the schema check itself rejects a broken config', () => {
    expect(validate({ ...config, appid: 'typo' })).toBe(false);
    expect(validate({ ...config, asar: 'yes' })).toBe(false);
  });

  it('names the app', () => {
    expect(config.appId).toBe('eu.openscan.scanbridge');
    expect(config.productName).toBe('ScanBridge');
  });

  it('ships only out/** and package.json: no sources, tests or source maps', () => {
    const files = config.files as string[];
    const includes = files.filter((f) => !f.startsWith('!'));
    expect(includes.sort()).toEqual(['out/**/*', 'package.json']);
    expect(files).toContain('!**/*.map');
    expect(files).toContain('!**/*.{test,spec}.{js,mjs,cjs,ts}');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('builds the installers each OS expects', () => {
    const targets = (t: Target[]) => t.map((x) => `${x.target}:${(x.arch ?? []).join('+')}`);
    expect(targets(config.win.target)).toEqual(['nsis:x64', 'portable:x64']);
    expect(targets(config.mac.target)).toEqual(['dmg:x64+arm64', 'zip:x64+arm64']);
    expect(targets(config.linux.target)).toEqual(['AppImage:x64', 'deb:x64']);
    for (const name of [config.nsis.artifactName, config.portable.artifactName]) {
      expect(name).toContain('${version}');
      expect(name).toContain('${arch}');
    }
    expect(config.nsis.artifactName).not.toBe(config.portable.artifactName);
    expect(config.linux.category).toBe('Graphics');
    expect(config.deb.depends).toEqual(expect.arrayContaining(['libsecret-1-0', 'libnss3', 'libgtk-3-0']));
  });

  it('macOS: hardened runtime with an entitlements file that exists and grants no more than JIT', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    const ent = fs.readFileSync(path.join(root, config.mac.entitlements as string), 'utf8');
    const keys = [...ent.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys.sort()).toEqual([
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.allow-unsigned-executable-memory',
    ]);
    // Credentials come from the environment, never from the file.
    expect(JSON.stringify(config)).not.toMatch(/APPLE_ID|password|CSC_LINK/i);
  });

  it('ships COLMAP per OS from a folder that exists', () => {
    for (const [os, dir] of [
      ['win', 'win'],
      ['mac', 'mac'],
      ['linux', 'linux'],
    ] as const) {
      const blocks = config[os].extraResources as { from: string; to: string }[];
      expect(blocks).toEqual([{ from: `main/app/resources/colmap/${dir}`, to: 'colmap' }]);
      expect(fs.statSync(path.join(root, blocks[0]!.from)).isDirectory()).toBe(true);
    }
  });

  it('publishes to GitHub Releases, which is where electron-updater looks (no server of our own)', () => {
    expect(config.publish).toMatchObject({ provider: 'github', releaseType: 'release' });
    // Owner and repo come from the checkout or the release workflow, so a fork publishes to itself.
    expect(config.publish.owner).toBeUndefined();
    expect(JSON.stringify(config)).not.toContain('updates.openscan.eu');
    expect(config.mac.artifactName).toBe('${productName}-${version}-${arch}-mac.${ext}');
  });

  it('sets release fuses: no RunAsNode, no NODE_OPTIONS, app only from an integrity-checked asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });
});
