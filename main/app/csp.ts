/** The window's CSP header: the policy itself is main/core/csp.ts (one for every front end). */
export { buildCsp } from '../core/csp.js';

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
