import { describe, expect, it } from 'vitest';
import { isAllowedPermission } from './permissions.js';

const app = 'app://scanbridge';
describe('isAllowedPermission', () => {
  it('denies by default', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'hid',
      'serial',
      'usb',
      'clipboard-read',
      'fullscreen',
      'unknown',
    ]) {
      expect(isAllowedPermission(p, 'app://scanbridge/index.html', app)).toBe(false);
    }
  });
  it('allows clipboard writes from the app only', () => {
    expect(isAllowedPermission('clipboard-sanitized-write', 'app://scanbridge/index.html', app)).toBe(true);
    expect(isAllowedPermission('clipboard-sanitized-write', 'https://evil.com/', app)).toBe(false);
    expect(isAllowedPermission('clipboard-sanitized-write', undefined, app)).toBe(false);
    expect(isAllowedPermission(undefined, 'app://scanbridge/', app)).toBe(false);
  });
});
