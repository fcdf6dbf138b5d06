/**
 * Replies the way NodeODM (Express) sends them: CORS on everything, JSON with charset and length,
 * Express's 404 page, urlencoded/JSON bodies for the task commands, all.zip without Range support.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type http from 'node:http';

const BASE_HEADERS = { 'access-control-allow-origin': '*', 'x-powered-by': 'Express' };

export function sendJson(res: http.ServerResponse, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendText(
  res: http.ServerResponse,
  status: number,
  type: string,
  text: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...BASE_HEADERS,
    ...extra,
    'content-type': type,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Express's default 404 page, byte for byte. */
export function sendNotFound(res: http.ServerResponse, method: string, path: string): void {
  const html = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${method} ${path}</pre>\n</body>\n</html>\n`;
  sendText(res, 404, 'text/html; charset=utf-8', html);
}

/** The CORS preflight answer (204), echoing the requested headers as the node does. */
export function sendPreflight(req: http.IncomingMessage, res: http.ServerResponse): void {
  const headers: Record<string, string> = {
    ...BASE_HEADERS,
    'access-control-allow-methods': 'GET,HEAD,PUT,PATCH,POST,DELETE',
    vary: 'Access-Control-Request-Headers',
    'content-length': '0',
  };
  const asked = req.headers['access-control-request-headers'];
  if (typeof asked === 'string') headers['access-control-allow-headers'] = asked;
  res.writeHead(204, headers);
  res.end();
}

/** 401 with an empty, chunked body (the node's `_debugUnauthorized` hook, and ClusterODM's refusal). */
export function sendEmpty401(res: http.ServerResponse): void {
  res.writeHead(401, { ...BASE_HEADERS });
  res.end();
}

export async function readRaw(req: http.IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    n += c.length;
    if (n <= limit) chunks.push(c);
  }
  return Buffer.concat(chunks);
}

/**
 * The body of /task/cancel|remove|restart: urlencoded or JSON only (a multipart body yields no
 * fields). A JSON body that does not parse is reported with the parser's own message.
 */
export async function readCommandBody(
  req: http.IncomingMessage,
): Promise<{ fields: Record<string, unknown> } | { error: string }> {
  const raw = (await readRaw(req)).toString('utf8');
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    if (raw === '') return { fields: {} };
    try {
      const parsed: unknown = JSON.parse(raw);
      return {
        fields: typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {},
      };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded'))
    return { fields: Object.fromEntries(new URLSearchParams(raw)) };
  return { fields: {} };
}

/** all.zip as the node sends it: always 200 and the whole body (Range is ignored), HEAD without one. */
export async function sendZip(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  file: string,
): Promise<void> {
  const size = (await stat(file)).size;
  res.writeHead(200, {
    ...BASE_HEADERS,
    'content-disposition': 'attachment; filename=all.zip',
    'content-type': 'application/zip',
    'content-length': size,
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}
