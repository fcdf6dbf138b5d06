/**
 * Streams a result file to disk and resumes it with HTTP Range after a cut connection or a restart:
 * bytes go to `<dest>.part`, which is renamed to `dest` only when complete. Redirects are followed
 * (share links redirect to the file itself). Memory stays flat whatever the size.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { CancelledError, DiskError, NetworkError, ServerError } from '../errors.js';
import { redactUrl } from '../redact.js';

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number | undefined) => void;
  retries?: number;
  idleTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface Reply {
  res: http.IncomingMessage;
  url: string;
}

function request(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
  idleTimeoutMs: number,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const mod = u.protocol === 'https:' ? https : http;
    if (u.protocol !== 'https:' && u.protocol !== 'http:') {
      reject(new NetworkError(`Unsupported download address ${redactUrl(url)}.`));
      return;
    }
    const req = mod.get(u, { headers, signal, timeout: idleTimeoutMs }, (res) => resolve({ res, url }));
    req.on('timeout', () =>
      req.destroy(new NetworkError('The download stalled (no data for a while).', { code: 'TIMEOUT' })),
    );
    req.on('error', (e) => {
      if (signal?.aborted) reject(new CancelledError('Download cancelled.'));
      else if (e instanceof NetworkError) reject(e);
      else
        reject(
          new NetworkError(`The download from ${u.host} failed: ${e.message}.`, {
            cause: e,
            hint: 'Check your connection; the download resumes where it stopped.',
          }),
        );
    });
  });
}

async function follow(url: string, headers: Record<string, string>, o: DownloadOptions): Promise<Reply> {
  let current = url;
  for (let hop = 0; hop < 6; hop++) {
    const r = await request(current, headers, o.signal, o.idleTimeoutMs ?? 30_000);
    const status = r.res.statusCode ?? 0;
    if (status >= 300 && status < 400 && r.res.headers.location) {
      r.res.resume();
      current = new URL(r.res.headers.location, current).toString();
      continue;
    }
    return r;
  }
  throw new NetworkError('The download redirected too many times.');
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

function toDiskError(e: unknown, file: string): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC') return new DiskError(`The disk is full while writing "${file}".`, e);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new DiskError(`No permission to write "${file}".`, e);
  return e;
}

/** Downloads `url` to `dest`, resuming a previous `.part`. Returns the final size. */
export async function downloadFile(url: string, dest: string, o: DownloadOptions = {}): Promise<number> {
  const part = `${dest}.part`;
  try {
    await mkdir(path.dirname(dest), { recursive: true });
  } catch (e) {
    throw new DiskError(`Cannot create the folder ${path.dirname(dest)}: ${(e as Error).message}.`, e);
  }
  const sleep = o.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const retries = o.retries ?? 5;
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptDownload(url, dest, part, o);
    } catch (e) {
      if (o.signal?.aborted) throw new CancelledError('Download cancelled.');
      const retryable = e instanceof NetworkError || e instanceof ServerError;
      if (!retryable || attempt >= retries) throw e;
      await sleep(Math.random() * Math.min(30_000, 500 * 2 ** attempt));
    }
  }
}

async function attemptDownload(url: string, dest: string, part: string, o: DownloadOptions): Promise<number> {
  const have = await sizeOf(part);
  const headers: Record<string, string> = have > 0 ? { Range: `bytes=${have}-` } : {};
  const { res } = await follow(url, headers, o);
  const status = res.statusCode ?? 0;
  if (status === 416 && have > 0) {
    // Our .part is already complete (or the server changed): start over cleanly.
    res.resume();
    await unlink(part).catch(() => undefined);
    return attemptDownload(url, dest, part, o);
  }
  if (status >= 500) {
    res.resume();
    throw new ServerError(`The download server answered HTTP ${status}.`, status);
  }
  if (status !== 200 && status !== 206) {
    res.resume();
    throw new NetworkError(`The download failed with HTTP ${status}.`, {
      hint: 'The link may have expired (cloud results are kept about 7 days).',
    });
  }
  const append = status === 206 && have > 0;
  const length = Number(res.headers['content-length'] ?? NaN);
  const total = Number.isFinite(length) ? (append ? have : 0) + length : undefined;
  let done = append ? have : 0;
  const counter = new Transform({
    transform(chunk: Buffer, _e, cb) {
      done += chunk.length;
      o.onProgress?.(done, total);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(res, counter, createWriteStream(part, { flags: append ? 'a' : 'w' }), {
      signal: o.signal,
    });
  } catch (e) {
    if (o.signal?.aborted) throw new CancelledError('Download cancelled.');
    const disk = toDiskError(e, part);
    if (disk !== e) throw disk;
    if ((e as NodeJS.ErrnoException).syscall)
      throw new DiskError(`Cannot write ${part}: ${(e as Error).message}.`, e);
    throw new NetworkError('The download was interrupted.', {
      cause: e,
      hint: 'It resumes where it stopped.',
    });
  }
  if (total !== undefined && done !== total)
    throw new NetworkError(`The download ended early (${done} of ${total} bytes).`);
  await rename(part, dest);
  return done;
}
