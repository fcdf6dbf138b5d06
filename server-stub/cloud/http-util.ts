/**
 * Reply helpers shaped like the real server and the proxies in front of it: JSON errors from the app,
 * Flask's plain-text 400 for malformed requests, nginx-style HTML pages for 5xx.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const FLASK_BAD_REQUEST =
  'The browser (or proxy) sent a request that this server could not understand.';

export const HTML_503 =
  '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n' +
  '<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export const HTML_404 =
  '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
  '<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';

/** Thrown by handlers to end a request with a given reply; anything else becomes a 500. */
export class StubReply extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly contentType: string,
  ) {
    super(`${status} ${body}`);
  }
}

export function jsonError(status: number, error: string): StubReply {
  return new StubReply(status, JSON.stringify({ error }), 'application/json');
}

export function flaskBadRequest(): StubReply {
  return new StubReply(400, FLASK_BAD_REQUEST, 'text/plain; charset=utf-8');
}

export function send(
  res: ServerResponse,
  status: number,
  body: string,
  contentType: string,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(buf.length), ...extra });
  res.end(buf);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json');
}

export function sendReply(res: ServerResponse, r: StubReply, extra: Record<string, string> = {}): void {
  send(res, r.status, r.body, r.contentType, extra);
}

const BASIC_USER = 'openscan';
const BASIC_PASS = 'free';

/** True when the request carries HTTP Basic auth openscan:free (scheme name case-insensitive). */
export function hasValidBasicAuth(req: IncomingMessage): boolean {
  const header = req.headers.authorization;
  if (!header) return false;
  const m = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m?.[1]) return false;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  return decoded === `${BASIC_USER}:${BASIC_PASS}`;
}

/** A required query parameter; absent or empty gives Flask's plain-text 400 like the real server. */
export function requireParam(q: URLSearchParams, name: string): string {
  const v = q.get(name);
  if (v === null || v.trim() === '') throw flaskBadRequest();
  return v;
}

/** A non-negative integer parameter: "12" ok, "1.5", "1e3", "-1", "abc" are a JSON 400 naming it. */
export function requireIntParam(q: URLSearchParams, name: string): number {
  const raw = requireParam(q, name).trim();
  if (!/^\d{1,16}$/.test(raw)) throw jsonError(400, `${name} must be a non-negative integer, got "${raw}"`);
  return Number(raw);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
