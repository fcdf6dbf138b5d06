import { describe, expect, it } from 'vitest';
import { checkAppUpdateYml, checkUpdateInfo, expectedArtifacts, unpackedApps } from './check-packaged.js';

describe('the packaged-build check', () => {
  it('expects the installers electron-builder.yml names, for this version only', () => {
    const win = expectedArtifacts('win', '0.2.0');
    expect(win.updateFiles).toEqual(['latest.yml']);
    expect(win.installers.map((r) => r.test('ScanBridge-0.2.0-x64-setup.exe'))).toEqual([true, false]);
    expect(win.installers.some((r) => r.test('ScanBridge-0.1.0-x64-setup.exe'))).toBe(false);
    expect(win.installers.some((r) => r.test('ScanBridge-0x2x0-x64-setup.exe'))).toBe(false);
    const mac = expectedArtifacts('mac', '0.2.0');
    for (const f of [
      'ScanBridge-0.2.0-x64.dmg',
      'ScanBridge-0.2.0-arm64.dmg',
      'ScanBridge-0.2.0-x64-mac.zip',
      'ScanBridge-0.2.0-arm64-mac.zip',
    ])
      expect(
        mac.installers.filter((r) => r.test(f)),
        f,
      ).toHaveLength(1);
    const linux = expectedArtifacts('linux', '0.2.0');
    expect(linux.updateFiles).toEqual(['latest-linux.yml']);
    expect(linux.installers.map((r) => r.test('ScanBridge-0.2.0-x86_64.AppImage'))).toEqual([true, false]);
    expect(linux.installers.map((r) => r.test('ScanBridge-0.2.0-amd64.deb'))).toEqual([false, true]);
  });

  it('looks for both macOS apps, each with sharp for its own arch, and reads the fuses from the framework there', () => {
    const apps = unpackedApps('mac', '/d');
    expect(apps.map((a) => a.dir)).toEqual(['/d/mac/ScanBridge.app', '/d/mac-arm64/ScanBridge.app']);
    expect(apps.map((a) => a.sharp)).toEqual(['@img/sharp-darwin-x64', '@img/sharp-darwin-arm64']);
    expect(apps[0]!.fuseBinary).toMatch(/Electron Framework\.framework\/Electron Framework$/);
    expect(unpackedApps('win', '/d')[0]!.fuseBinary).toBe('/d/win-unpacked/ScanBridge.exe');
  });

  it('accepts a latest*.yml that names built files with their sha512, and says what is wrong otherwise', () => {
    const good = [
      'version: 0.2.0',
      'files:',
      '  - url: ScanBridge-0.2.0-x64-setup.exe',
      '    sha512: abc==',
      '    size: 10',
      'path: ScanBridge-0.2.0-x64-setup.exe',
      'sha512: abc==',
    ].join('\n');
    const built = new Set(['ScanBridge-0.2.0-x64-setup.exe', 'latest.yml']);
    expect(checkUpdateInfo(good, '0.2.0', built)).toEqual([]);
    expect(checkUpdateInfo(good, '0.3.0', built)).toEqual(['version is 0.2.0, want 0.3.0']);
    expect(checkUpdateInfo(good, '0.2.0', new Set())).toEqual([
      'names ScanBridge-0.2.0-x64-setup.exe, which was not built',
    ]);
    expect(checkUpdateInfo(good.replace('    sha512: abc==\n', ''), '0.2.0', built)).toEqual([
      'has no sha512 for ScanBridge-0.2.0-x64-setup.exe',
    ]);
    expect(checkUpdateInfo('version: 0.2.0', '0.2.0', built)).toEqual(['lists no files']);
  });

  it('wants the baked update feed to be a GitHub repository', () => {
    expect(checkAppUpdateYml('provider: github\nowner: openscan\nrepo: scanbridge\n')).toEqual([]);
    expect(checkAppUpdateYml('provider: github\nowner: openscan\n')).toEqual(['owner or repo is missing']);
    expect(checkAppUpdateYml('provider: generic\nurl: https://x.example/\n')).toEqual([
      'provider is generic, want github',
    ]);
  });
});
