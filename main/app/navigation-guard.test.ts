import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, devServerOrigin, isAllowedExternal, isAllowedNavigation } from './navigation-guard.js';

describe('isAllowedNavigation', () => {
  it('allows only the app origin', () => {
    expect(isAllowedNavigation('app://scanbridge/index.html', APP_ORIGIN)).toBe(true);
    expect(isAllowedNavigation('app://scanbridge/#/queue', APP_ORIGIN)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
  });
  it.each([
    'https://openscan.eu/',
    'app://evil/index.html',
    'app://scanbridge.evil.com/',
    'app://user@scanbridge/',
    'http://localhost:5174/',
    'https://localhost:5173/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://scanbridge/uuid',
    'smb://server/share',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url, APP_ORIGIN) && isAllowedNavigation(url, 'http://localhost:5173')).toBe(
      false,
    );
    expect(isAllowedNavigation(url, APP_ORIGIN)).toBe(false);
  });
  it('refuses non-strings and an unusable app origin', () => {
    for (const v of [undefined, null, 42, {}, ['app://scanbridge/'], new URL('app://scanbridge/')]) {
      expect(isAllowedNavigation(v, APP_ORIGIN)).toBe(false);
    }
    expect(isAllowedNavigation('file:///a/index.html', 'file:///a/')).toBe(false);
    expect(isAllowedNavigation('app://scanbridge/', 'garbage')).toBe(false);
  });
});

describe('isAllowedExternal', () => {
  it.each([
    'https://openscan.eu/',
    'https://www.openscan.eu/pages/cloud',
    'https://github.com/OpenScanEu/OpenScan2',
    'https://colmap.github.io/install.html',
    'https://docs.opendronemap.org/',
    'https://GITHUB.com/x',
  ])('allows %s', (url) => expect(isAllowedExternal(url)).toBe(true));

  it.each([
    'http://openscan.eu/',
    'file:///C:/Windows/System32/calc.exe',
    'javascript:alert(1)',
    'smb://openscan.eu/share',
    'ftp://openscan.eu/',
    'mailto:info@openscan.eu',
    'https://openscan.eu.evil.com/',
    'https://evilopenscan.eu/',
    'https://openscan.eu@evil.com/',
    'https://user:pw@openscan.eu/',
    'https://evil.com/?https://openscan.eu',
    'https://evil.com#https://openscan.eu',
    'https://openscan.eu:8443/',
    'https://github.com./',
    'https://gіthub.com/', // Cyrillic i: punycode, not github.com
    'https://127.0.0.1/',
    ' https://openscan.eu/',
    'https://' + 'a'.repeat(3000) + '.openscan.eu/',
    '',
  ])('refuses %s', (url) => expect(isAllowedExternal(url)).toBe(false));

  it('refuses non-strings', () => {
    for (const v of [
      undefined,
      null,
      1,
      true,
      {},
      [],
      new URL('https://openscan.eu/'),
      { toString: () => 'https://openscan.eu/' },
    ]) {
      expect(isAllowedExternal(v)).toBe(false);
    }
  });
});

describe('devServerOrigin', () => {
  it('accepts loopback http only', () => {
    expect(devServerOrigin('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(devServerOrigin('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin('http://example.com:5173')).toBeUndefined();
    expect(devServerOrigin('file:///x')).toBeUndefined();
    expect(devServerOrigin(undefined)).toBeUndefined();
  });
});
