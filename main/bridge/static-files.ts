/**
 * Serves the built renderer, confined to its folder: `..` (raw or percent-encoded), NUL bytes,
 * backslashes and symlinks that lead outside are refused, so the API secret is the only way in and
 * a URL can never read another file of the user's.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export type StaticLookup =
  { ok: true; file: string; type: string } | { ok: false; status: 400 | 403 | 404; reason: string };

export async function resolveStatic(root: string, rawPathname: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPathname);
  } catch {
    return { ok: false, status: 400, reason: 'Bad URL encoding.' };
  }
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { ok: false, status: 403, reason: 'Refused path.' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.'))
    return { ok: false, status: 403, reason: 'Refused path.' };
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const realRoot = await fs.realpath(root).catch(() => path.resolve(root));
  const candidate = path.resolve(realRoot, rel);
  if (!candidate.startsWith(realRoot + path.sep)) return { ok: false, status: 403, reason: 'Refused path.' };
  let real: string;
  try {
    real = await fs.realpath(candidate);
  } catch {
    return { ok: false, status: 404, reason: 'Not found.' };
  }
  if (!real.startsWith(realRoot + path.sep)) return { ok: false, status: 403, reason: 'Refused path.' };
  const st = await fs.stat(real);
  if (!st.isFile()) return { ok: false, status: 404, reason: 'Not found.' };
  return {
    ok: true,
    file: real,
    type: TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream',
  };
}
