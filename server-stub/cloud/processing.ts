/**
 * The processing simulation. Status is evaluated lazily from the injectable clock whenever a project
 * is looked at, so a test that moves a fake clock needs no real waiting. When processing "starts",
 * the received parts are read as one virtual zip (central directory through yauzl, first bytes of
 * each entry for the JPEG/PNG magic) without being copied together; a bad set fails with a reason.
 */
import { randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { StubContext } from './context.js';
import { writeResultZip } from './result-zip.js';
import type { PartRecord, ProjectRecord } from './types.js';

/**
 * Presents the parts, in order, as one file to yauzl: the zip the client cut into parts. Reads are
 * positional on file handles kept open for the check (opening a stream per entry made a 1,000-photo
 * set take seconds).
 */
class ConcatenatedReader extends yauzl.RandomAccessReader {
  private readonly starts: number[] = [];
  private readonly handles = new Map<number, Promise<FileHandle>>();

  constructor(private readonly parts: PartRecord[]) {
    super();
    let base = 0;
    for (const p of parts) {
      this.starts.push(base);
      base += p.size;
    }
  }

  private handle(i: number): Promise<FileHandle> {
    let h = this.handles.get(i);
    if (!h) {
      h = open(this.parts[i]!.path, 'r');
      this.handles.set(i, h);
    }
    return h;
  }

  private async readAt(buf: Buffer, offset: number, length: number, position: number): Promise<void> {
    let done = 0;
    while (done < length) {
      const pos = position + done;
      let i = this.starts.length - 1;
      while (i > 0 && this.starts[i]! > pos) i--;
      const part = this.parts[i];
      const within = pos - this.starts[i]!;
      if (!part || within >= part.size)
        throw new Error(`read past the end of the uploaded parts at byte ${pos}`);
      const n = Math.min(length - done, part.size - within);
      const { bytesRead } = await (await this.handle(i)).read(buf, offset + done, n, within);
      if (bytesRead !== n) throw new Error(`part ${part.index} is shorter on disk than recorded`);
      done += n;
    }
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    cb: (e: Error | null) => void,
  ) {
    this.readAt(buffer, offset, length, position).then(
      () => cb(null),
      (err: Error) => cb(err),
    );
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const readAt = this.readAt.bind(this);
    let pos = start;
    return new Readable({
      read() {
        if (pos >= end) return void this.push(null);
        const n = Math.min(64 * 1024, end - pos);
        const buf = Buffer.allocUnsafe(n);
        readAt(buf, 0, n, pos).then(
          () => {
            pos += n;
            this.push(buf);
          },
          (err: Error) => this.destroy(err),
        );
      },
    });
  }

  override close(cb: (e: Error | null) => void) {
    const all = [...this.handles.values()];
    this.handles.clear();
    Promise.all(all.map(async (h) => (await h).close())).then(
      () => cb(null),
      (err: Error) => cb(err),
    );
  }
}

const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function firstBytes(zip: yauzl.ZipFile, entry: yauzl.Entry, n: number): Promise<Buffer> {
  const stored = entry.compressionMethod === 0 && !entry.isEncrypted();
  const stream = await zip.openReadStreamPromise(
    entry,
    stored ? { start: 0, end: Math.min(n, entry.uncompressedSize) } : {},
  );
  const got: Buffer[] = [];
  let len = 0;
  for await (const chunk of stream) {
    got.push(chunk as Buffer);
    len += (chunk as Buffer).length;
    if (len >= n) break;
  }
  stream.destroy();
  return Buffer.concat(got).subarray(0, n);
}

export type CheckResult = { ok: true; files: string[] } | { ok: false; error: string };

/** Checks that the parts form a zip in which every file is a JPEG or PNG. */
export async function checkImageZip(parts: PartRecord[]): Promise<CheckResult> {
  const total = parts.reduce((s, p) => s + p.size, 0);
  const reader = new ConcatenatedReader(parts);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(reader, total, {
      lazyEntries: true,
      autoClose: false,
    });
  } catch (err) {
    // yauzl took a reference on the reader and only zip.close() gives it back: without this the
    // part files stayed open until garbage collection ("Closing a FileHandle object on GC").
    await new Promise<void>((done) => reader.close(() => done()));
    return { ok: false, error: `The uploaded parts are not a valid zip file: ${(err as Error).message}` };
  }
  const files: string[] = [];
  const bad: string[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      if (entry.isEncrypted()) {
        bad.push(`${entry.fileName} (encrypted)`);
        continue;
      }
      const head = await firstBytes(zip, entry, 8);
      if (head.subarray(0, 3).equals(JPEG) || head.equals(PNG)) files.push(entry.fileName);
      else bad.push(entry.fileName);
    }
  } catch (err) {
    return { ok: false, error: `The uploaded zip is damaged: ${(err as Error).message}` };
  } finally {
    zip.close();
  }
  if (bad.length > 0) {
    const shown = bad.slice(0, 5).join(', ') + (bad.length > 5 ? ` and ${bad.length - 5} more` : '');
    return {
      ok: false,
      error: `The zip contains ${bad.length} file(s) that are not JPEG or PNG images: ${shown}`,
    };
  }
  if (files.length === 0) return { ok: false, error: 'The zip contains no images' };
  return { ok: true, files };
}

/** One check per started project; forgotten on reset so a re-upload is checked afresh. */
const checks = new WeakMap<ProjectRecord, Promise<CheckResult>>();

export function beginCheck(project: ProjectRecord): void {
  const parts = [...project.received.values()].sort((a, b) => a.index - b.index);
  checks.set(project, checkImageZip(parts));
}

export function forgetCheck(project: ProjectRecord): void {
  checks.delete(project);
}

export function resultZipPath(ctx: StubContext, shareId: string): string {
  return join(ctx.dataDir, 'results', `${shareId}.zip`);
}

export function makeDlink(ctx: StubContext, shareId: string, project: string): string {
  const inner = `${ctx.baseUrl()}/s/${shareId}/${encodeURIComponent(project)}.zip?dl=0`;
  return ctx.dlinkStyle === 'wrapped' ? `${ctx.baseUrl()}/dl?id=${encodeURIComponent(inner)}` : inner;
}

/** A function, not an inline test: the status may change across the awaits below (reset, other polls). */
function isProcessing(p: ProjectRecord): boolean {
  return p.status === 'initialized' || p.status === 'processing started';
}

/** Moves a started project along the schedule as far as the clock says it has come. */
export async function advance(ctx: StubContext, p: ProjectRecord): Promise<void> {
  if (p.startedAt === undefined) return;
  if (!isProcessing(p)) return;
  const elapsed = ctx.now() - p.startedAt;
  if (elapsed < ctx.schedule.startedAfterMs) return;
  let check = checks.get(p);
  if (!check) {
    beginCheck(p);
    check = checks.get(p)!;
  }
  const result = await check;
  if (!isProcessing(p)) return;
  if (!result.ok) {
    p.status = 'processing failed';
    p.error = result.error;
    return;
  }
  p.files = result.files;
  if (elapsed < ctx.schedule.doneAfterMs) {
    p.status = 'processing started';
    return;
  }
  const shareId = randomBytes(9).toString('base64url');
  await writeResultZip(resultZipPath(ctx, shareId), p.name, ctx.state.resultZip);
  // A concurrent poll may have finished first: keep the first link, as a real server would.
  if (!isProcessing(p)) return;
  p.shareId = shareId;
  p.dlink = makeDlink(ctx, shareId, p.name);
  p.status = 'processing done';
}
