import { describe, expect, it } from 'vitest';
import { checkFeedUrl, decideUpdates, RELEASE_FEED } from './update-policy.js';

describe('update feed', () => {
  it('a staging feed is HTTPS, without credentials, on a real host', () => {
    expect(checkFeedUrl('https://staging.example.org/scanbridge/')).toBe(
      'https://staging.example.org/scanbridge',
    );
    for (const bad of [
      'http://updates.openscan.eu/scanbridge',
      'file:///tmp/feed',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@updates.openscan.eu/',
      'https://localhost/feed',
      'not a url',
      42,
      undefined,
    ]) {
      expect(() => checkFeedUrl(bad), String(bad)).toThrow();
    }
  });
});

describe('when the app updates itself', () => {
  const packaged = { isPackaged: true, env: {} };
  it('never in the unpackaged app, the portable build, a .deb install, or when turned off', () => {
    expect(decideUpdates({ ...packaged, isPackaged: false, platform: 'win32' }).enabled).toBe(false);
    expect(
      decideUpdates({ ...packaged, platform: 'win32', env: { PORTABLE_EXECUTABLE_DIR: 'D:\\' } }).enabled,
    ).toBe(false);
    expect(decideUpdates({ ...packaged, platform: 'linux' }).enabled).toBe(false);
    expect(
      decideUpdates({ ...packaged, platform: 'darwin', env: { SCANBRIDGE_DISABLE_UPDATES: '1' } }).enabled,
    ).toBe(false);
  });
  it('in installed builds, from GitHub Releases or a checked HTTPS staging feed (an insecure one is refused)', () => {
    expect(decideUpdates({ ...packaged, platform: 'win32' })).toEqual({
      enabled: true,
      feed: { provider: 'github' },
    });
    expect(RELEASE_FEED).toEqual({ provider: 'github' });
    expect(
      decideUpdates({
        ...packaged,
        platform: 'darwin',
        env: { SCANBRIDGE_UPDATE_FEED: 'https://staging.example.org/feed' },
      }),
    ).toEqual({ enabled: true, feed: { provider: 'generic', url: 'https://staging.example.org/feed' } });
    expect(decideUpdates({ ...packaged, platform: 'linux', env: { APPIMAGE: '/x.AppImage' } }).enabled).toBe(
      true,
    );
    expect(() =>
      decideUpdates({
        ...packaged,
        platform: 'darwin',
        env: { SCANBRIDGE_UPDATE_FEED: 'http://evil.example/feed' },
      }),
    ).toThrow(/https/);
  });
});
