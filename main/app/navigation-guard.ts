/**
 * Where the app's own web contents may go, and which links may leave for the user's browser.
 * Always parsed with URL, never compared with startsWith: "https://openscan.eu.evil.com",
 * "https://openscan.eu@evil.com" and "file:///…/out/renderer/../../etc" must all fail.
 */

/** The custom scheme the packaged renderer is served from (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'scanbridge';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Hosts we link to from the UI: docs, the OpenScan site, our repository. Exact host match only. */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'openscan.eu',
  'www.openscan.eu',
  'github.com',
  'colmap.github.io',
  'opendronemap.org',
  'www.opendronemap.org',
  'docs.opendronemap.org',
]);

const MAX_URL_LENGTH = 2048;

function parse(url: unknown): URL | undefined {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return undefined;
  // The URL parser silently strips surrounding blanks and control characters; a URL that needs that is not ours.
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) return undefined;
  }
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * May the app window navigate to `url`? Only within the app itself: the same origin as
 * `appOrigin` (app://scanbridge in production, the dev server's http://localhost:port in
 * development). Opaque origins (file:, data:, javascript:, blob:) are never the app.
 */
export function isAllowedNavigation(url: unknown, appOrigin: string): boolean {
  const target = parse(url);
  const app = parse(appOrigin);
  if (!target || !app) return false;
  if (target.username !== '' || target.password !== '') return false;
  const a = originOf(app);
  return a !== undefined && originOf(target) === a;
}

/**
 * scheme://host:port for http(s) and our app scheme; undefined for everything with an opaque
 * origin. (Node's URL reports 'null' as the origin of any non-special scheme such as app:, while
 * Chromium, where app: is registered as standard, reports app://scanbridge: compute it ourselves.)
 */
function originOf(u: URL): string | undefined {
  if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
  if (u.protocol === `${APP_SCHEME}:` && u.host !== '') return `${u.protocol}//${u.host}`;
  return undefined;
}

/** May `url` be handed to shell.openExternal? https only, no credentials or ports, allowlisted host. */
export function isAllowedExternal(url: unknown, hosts: ReadonlySet<string> = EXTERNAL_HOSTS): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol !== 'https:') return false;
  if (u.username !== '' || u.password !== '' || u.port !== '') return false;
  return hosts.has(u.hostname);
}

/** The dev server origin from electron-vite's env var, if it is a loopback http(s) URL. */
export function devServerOrigin(envUrl: string | undefined): string | undefined {
  const u = parse(envUrl);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return undefined;
  if (!['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) return undefined;
  return u.origin;
}
