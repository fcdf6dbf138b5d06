/**
 * The bridge's gatekeeping, as pure functions so each rule has its own test. Web mode exposes the
 * whole API (the user's token, their files) on a loopback port that every local process and every
 * web page in the browser can reach, so each request must prove it came from our page:
 * - the per-run secret (header, or `?s=` where a header cannot be sent), compared in constant time;
 * - Host must be our loopback name and port (defeats DNS rebinding: evil.com resolving to 127.0.0.1);
 * - Origin, when sent, must be our own (defeats cross-site requests from other pages).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { buildCsp } from '../core/csp.js';

export const SECRET_HEADER = 'x-scanbridge-secret';
export const SECRET_QUERY = 's';

/** The renderer's one policy (main/core/csp.ts), sent on every response. */
export const CSP = buildCsp();

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  // The page URL carries the secret on first load: never send it on as a Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function secretMatches(given: string | undefined | null, secret: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 1024) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return typeof host === 'string' && allowedHosts(port).includes(host.toLowerCase());
}

/** No Origin (same-origin GET, curl) is fine; otherwise it must be exactly our own. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

export type Denial = { status: 403 | 421; reason: string };

/** Checks everything but the secret (which depends on the route). */
export function checkRequestOrigin(req: IncomingMessage, port: number): Denial | undefined {
  if (!hostAllowed(req.headers.host, port)) return { status: 421, reason: 'Wrong Host header.' };
  const origin = req.headers.origin;
  if (!originAllowed(typeof origin === 'string' ? origin : undefined, port)) {
    return { status: 403, reason: 'Requests from other sites are refused.' };
  }
  // Browsers send this even where Origin is omitted (top-level navigations, some GETs).
  if (req.headers['sec-fetch-site'] === 'cross-site') {
    return { status: 403, reason: 'Requests from other sites are refused.' };
  }
  return undefined;
}

export function requestSecret(req: IncomingMessage, url: URL): string | undefined {
  const h = req.headers[SECRET_HEADER];
  if (typeof h === 'string') return h;
  return url.searchParams.get(SECRET_QUERY) ?? undefined;
}
