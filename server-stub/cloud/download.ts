/**
 * The result download, shaped like a Dropbox share link: `/dl?id=<inner>` redirects to the inner link,
 * `/s/<id>/<name>.zip?dl=0` is an HTML preview, `dl=1` streams the zip with Range support (206) so a
 * client can resume a broken download.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StubContext } from './context.js';
import { HTML_404, send } from './http-util.js';
import { resultZipPath } from './processing.js';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `/dl?id=...`: the wrapper the real dlink sometimes comes in; follow it like a browser would. */
export function handleDlWrapper(ctx: StubContext, url: URL, res: ServerResponse): number {
  const id = url.searchParams.get('id');
  let target: URL | null = null;
  try {
    target = id ? new URL(id) : null;
  } catch {
    target = null;
  }
  // Only redirect to our own share links: the stub must not become an open redirect.
  if (!target || target.origin !== new URL(ctx.baseUrl()).origin || !target.pathname.startsWith('/s/')) {
    send(res, 404, HTML_404, 'text/html; charset=utf-8');
    return 404;
  }
  res.writeHead(302, { Location: target.toString(), 'Content-Length': '0' });
  res.end();
  return 302;
}

/** Parses `bytes=N-`, `bytes=N-M`, `bytes=-K`; null = ignore the header (multi-range, junk). */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'bad' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return null;
  if (a === '') {
    const k = Number(b);
    if (k === 0) return 'bad';
    return { start: Math.max(0, size - k), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || end < start) return 'bad';
  return { start, end };
}

export async function handleShare(
  ctx: StubContext,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
): Promise<{ status: number; project?: string }> {
  const m = /^\/s\/([A-Za-z0-9_-]+)\/([^/]+)$/.exec(url.pathname);
  const shareId = m?.[1];
  const project = shareId ? [...ctx.state.projects.values()].find((p) => p.shareId === shareId) : undefined;
  if (!shareId || !project || (req.method !== 'GET' && req.method !== 'HEAD')) {
    send(res, 404, HTML_404, 'text/html; charset=utf-8');
    return { status: 404 };
  }
  let fileName = 'result.zip';
  try {
    fileName = decodeURIComponent(m?.[2] ?? fileName);
  } catch {
    // A mangled name (bad %-escape) still downloads; only the suggested file name falls back.
  }
  if (url.searchParams.get('dl') !== '1') {
    const html =
      `<!DOCTYPE html><html><head><title>${escapeHtml(fileName)} - Dropbox</title></head><body>` +
      `<h1>${escapeHtml(fileName)}</h1><p>This file is a preview. ` +
      `<a href="?dl=1">Download</a></p></body></html>`;
    send(res, 200, html, 'text/html; charset=utf-8');
    return { status: 200, project: project.name };
  }
  const path = resultZipPath(ctx, shareId);
  const size = (await stat(path)).size;
  const headers: Record<string, string> = {
    'Content-Type': 'application/zip',
    'Accept-Ranges': 'bytes',
    'Content-Disposition': `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`,
    ETag: `"${shareId}"`,
  };
  const range = parseRange(req.headers.range, size);
  if (range === 'bad') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' });
    res.end();
    return { status: 416, project: project.name };
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const status = range ? 206 : 200;
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  res.writeHead(status, { ...headers, 'Content-Length': String(end - start + 1) });
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return { status, project: project.name };
  }
  const stream = createReadStream(path, { start, end });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
  return { status, project: project.name };
}
