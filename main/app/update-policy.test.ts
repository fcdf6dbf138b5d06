import { describe, expect, it } from 'vitest';
import { checkFeedUrl, decideUpdates, DEFAULT_UPDATE_FEED } from './update-policy.js';

describe('update feed', () => {
  it('is HTTPS, without credentials, on a real host', () => {
    expect(checkFeedUrl(DEFAULT_UPDATE_FEED)).toBe(DEFAULT_UPDATE_FEED);
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
  it('in installed builds, from the HTTPS feed (an insecure override is refused)', () => {
    expect(decideUpdates({ ...packaged, platform: 'win32' })).toEqual({
      enabled: true,
      feed: DEFAULT_UPDATE_FEED,
    });
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
