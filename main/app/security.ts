import fs from 'node:fs/promises';
import { app, protocol, shell, type Session, type WebContents } from 'electron';
import { contentTypeFor, resolveAppFile } from './app-files.js';
import { withCspHeader } from './csp.js';
import { APP_SCHEME, isAllowedExternal, isAllowedNavigation } from './navigation-guard.js';
import { isAllowedPermission } from './permissions.js';

/** Must run before app 'ready': app:// gets a real origin, fetch and secure-context status. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves the built renderer on app://scanbridge/ with the CSP on every response. */
export function serveRenderer(session: Session, rendererDir: string, csp: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await fs.readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': contentTypeFor(file),
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

/** Permissions denied by default; CSP added to anything else the session loads (the dev server). */
export function hardenSession(session: Session, appOrigin: string, csp: string): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(isAllowedPermission(permission, details.requestingUrl, appOrigin));
  });
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isAllowedPermission(permission, requestingOrigin, appOrigin),
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
}

/**
 * Every web contents, ours or any other that appears: no navigation away from the app, no
 * redirects elsewhere, no new windows (allowlisted https links go to the user's browser), no
 * <webview>.
 */
export function guardAllWebContents(appOrigin: string): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (e, url) => {
      if (!isAllowedNavigation(url, appOrigin)) {
        e.preventDefault();
        openIfAllowed(url);
      }
    });
    contents.on('will-frame-navigate', (e) => {
      if (!isAllowedNavigation(e.url, appOrigin)) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!isAllowedNavigation(url, appOrigin)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openIfAllowed(url);
      return { action: 'deny' };
    });
  });
}

/** The one way a URL leaves the app. */
export function openIfAllowed(url: unknown): boolean {
  if (!isAllowedExternal(url)) return false;
  void shell.openExternal(url as string);
  return true;
}
