/**
 * The renderer's Content-Security-Policy, in one place: the Electron window gets it as a response
 * header (main/app), web mode on every bridge response (main/bridge), and the page's own <meta> tag is
 * written from it at build time (renderer/vite.config.ts), so the three cannot drift apart.
 * No inline scripts or styles, no eval, nothing fetched from the network: the renderer talks to main
 * through the preload (or the bridge on its own origin). Thumbnails may be data: URLs, the 3D preview
 * uses blob: textures and a module worker.
 */
export interface CspOptions {
  /** The dev server: Vite injects <style> tags and talks over a websocket. */
  dev?: boolean;
  devOrigin?: string;
  /** For a <meta> tag, which cannot carry frame-ancestors (browsers ignore it there, with a warning). */
  meta?: boolean;
}

export function buildCsp(opts: CspOptions = {}): string {
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
    'base-uri': "'none'",
    'form-action': "'none'",
  };
  if (!opts.meta) directives['frame-ancestors'] = "'none'";
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

/** The placeholder renderer/index.html carries where the policy goes. */
export const CSP_PLACEHOLDER = '%SCANBRIDGE_CSP%';

/** index.html with the policy written in (the build's transformIndexHtml step). */
export function withCspMeta(html: string, opts: CspOptions = {}): string {
  if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html has no ${CSP_PLACEHOLDER} to fill`);
  return html.replaceAll(CSP_PLACEHOLDER, buildCsp({ ...opts, meta: true }));
}
