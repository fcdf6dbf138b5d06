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
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The shared first gate of both ways the renderer is served (web mode here, app:// in Electron):
 * decodes a URL path and returns it relative to the build folder, or why it is refused — bad
 * encoding, NUL bytes, backslashes, `.`/`..` segments (raw or percent-encoded). `/` is index.html.
 */
export function staticRelPath(
  rawPathname: string,
): { ok: true; rel: string } | { ok: false; status: 400 | 403; reason: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPathname);
  } catch {
    return { ok: false, status: 400, reason: 'Bad URL encoding.' };
  }
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { ok: false, status: 403, reason: 'Refused path.' };
  if (decoded.split('/').some((s) => s === '..' || s === '.'))
    return { ok: false, status: 403, reason: 'Refused path.' };
  return { ok: true, rel: decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '') };
}

export type StaticLookup =
  { ok: true; file: string; type: string } | { ok: false; status: 400 | 403 | 404; reason: string };

export async function resolveStatic(root: string, rawPathname: string): Promise<StaticLookup> {
  const checked = staticRelPath(rawPathname);
  if (!checked.ok) return checked;
  const realRoot = await fs.realpath(root).catch(() => path.resolve(root));
  const candidate = path.resolve(realRoot, checked.rel);
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
  return { ok: true, file: real, type: contentTypeFor(real) };
}
