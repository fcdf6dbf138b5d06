import { isAllowedNavigation } from './navigation-guard.js';

/**
 * Chromium permission requests (camera, geolocation, notifications, HID…) are denied unless they
 * are on this list AND come from the app itself. Copying a download link needs the clipboard;
 * nothing else does.
 */
const ALLOWED = new Set(['clipboard-sanitized-write']);

export function isAllowedPermission(permission: unknown, requestingUrl: unknown, appOrigin: string): boolean {
  return (
    typeof permission === 'string' && ALLOWED.has(permission) && isAllowedNavigation(requestingUrl, appOrigin)
  );
}
