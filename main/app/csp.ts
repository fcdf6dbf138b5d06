/**
 * The renderer's Content-Security-Policy, sent as a response header (app:// protocol and dev
 * server alike). No inline scripts, no eval, nothing fetched from the network: the renderer talks
 * to main through the preload only. Thumbnails are data: URLs, the 3D preview uses blob: textures.
 */
export function buildCsp(opts: { dev?: boolean; devOrigin?: string } = {}): string {
  const devConnect =
    opts.dev && opts.devOrigin ? ` ${opts.devOrigin} ${opts.devOrigin.replace(/^http/, 'ws')}` : '';
  const directives: Record<string, string> = {
    'default-src': "'none'",
    'script-src': "'self'",
    // Vite injects <style> tags in development only; the built app ships CSS files.
    'style-src': opts.dev ? "'self' 'unsafe-inline'" : "'self'",
    'img-src': "'self' data: blob:",
    'font-src': "'self' data:",
    'connect-src': `'self' blob: data:${devConnect}`,
    'worker-src': "'self' blob:",
    'media-src': "'none'",
    'object-src': "'none'",
    'frame-src': "'none'",
    'frame-ancestors': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

/** Adds (or replaces) the CSP header in a header map as Electron's onHeadersReceived hands it over. */
export function withCspHeader(
  headers: Record<string, string[]> | undefined,
  csp: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}
