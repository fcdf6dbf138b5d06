import path from 'node:path';
import { contentTypeFor, staticRelPath } from '../renderer-files/static-files.js';
import { APP_HOST, APP_SCHEME } from './navigation-guard.js';

/**
 * Maps an app://scanbridge/… request to a file inside the built renderer folder, or undefined.
 * A custom scheme instead of file:// gives the renderer a real origin (so CSP 'self' and the IPC
 * sender check mean something) and lets us refuse anything outside `rootDir`: "..", encoded
 * "%2e%2e", backslashes, NUL bytes and absolute paths all come back undefined.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | undefined {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.hostname !== APP_HOST) return undefined;
  const checked = staticRelPath(u.pathname);
  if (!checked.ok) return undefined;
  const root = path.resolve(rootDir);
  const full = path.resolve(root, checked.rel);
  return full.startsWith(root + path.sep) ? full : undefined;
}

export { contentTypeFor };
