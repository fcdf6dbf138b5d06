/** The local backend through the ProcessingBackend interface, as the job manager drives it. */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendContext, BackendStatus } from '../jobs/backend.js';
import type { JobProgress } from '../jobs/types.js';
import { hasTool } from '../testing/require-tool.js';
import { createLocalBackend, type LocalHandle } from './backend.js';
import { processesMentioning, tempDir, writeNoiseImages } from './testing/fixtures.js';
import type { PhotoSet, SetPhoto } from '../photos/set.js';

const has = hasTool('colmap', ['-h']);
let root: string;
beforeAll(async () => {
  root = await tempDir();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function context(): BackendContext & { handles: unknown[]; progress: Partial<JobProgress>[] } {
  const handles: unknown[] = [];
  const progress: Partial<JobProgress>[] = [];
  return {
    signal: new AbortController().signal,
    handles,
    progress,
    saveHandle: (h) => {
      handles.push(structuredClone(h));
      return Promise.resolve();
    },
    onProgress: (p) => progress.push(p),
    log: () => undefined,
  };
}

async function pollUntil(
  b: ReturnType<typeof createLocalBackend>,
  h: LocalHandle,
  ctx: BackendContext,
  done: (s: BackendStatus) => boolean,
): Promise<BackendStatus> {
  for (let i = 0; i < 600; i++) {
    const s = await b.poll(h, ctx);
    if (done(s)) return s;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('poll never settled');
}

/** A set of noise images: two loose files and two inside a stored zip. */
async function noiseSet(dir: string): Promise<PhotoSet> {
  await mkdir(dir, { recursive: true });
  const files = await writeNoiseImages(dir, 4);
  const zipPath = path.join(dir, 'photos.zip');
  const zip = new yazl.ZipFile();
  for (const f of files.slice(2))
    zip.addBuffer(await readFile(f), `scan/${path.basename(f)}`, { compress: false });
  zip.end();
  const out = createWriteStream(zipPath);
  zip.outputStream.pipe(out);
  await once(out, 'close');
  const photos: SetPhoto[] = await Promise.all(
    files.map(async (f, i): Promise<SetPhoto> => {
      const size = (await stat(f)).size;
      const relPath = i < 2 ? path.basename(f) : `scan/${path.basename(f)}`;
      // The backend finds a zip entry by name; offsets/CRC are the scanner's business.
      const source: SetPhoto['source'] =
        i < 2
          ? { kind: 'file', path: f }
          : {
              kind: 'zip',
              zipPath,
              entryName: relPath,
              compression: 'store',
              compressedSize: size,
              localHeaderOffset: 0,
              crc32: 0,
            };
      return { source, displayPath: relPath, relPath, size, mtimeMs: 0 };
    }),
  );
  return { photoCount: photos.length, totalBytes: photos.reduce((s, p) => s + p.size, 0), photos };
}

describe('local backend', () => {
  it('says a set of fewer than 3 photos cannot be reconstructed', async () => {
    const b = createLocalBackend({ workspaceRoot: root });
    const problems = await b.check({ photoCount: 2, totalBytes: 10, photos: [] });
    expect(problems).toEqual([expect.objectContaining({ what: 'images', limit: 3, actual: 2 })]);
    expect(await b.check({ photoCount: 30, totalBytes: 10, photos: [] })).toEqual([]);
  });

  it('creates a workspace, takes photos from files and zip entries, and saves the handle each step', async () => {
    const set = await noiseSet(path.join(root, 'set-a'));
    const b = createLocalBackend({ workspaceRoot: path.join(root, 'jobs') });
    const ctx = context();
    const h0 = await b.create(set, 'My scan ü/../x', ctx);
    expect(path.dirname(h0.workspace)).toBe(path.join(root, 'jobs'));
    expect(path.basename(h0.workspace)).not.toMatch(/[/\\]/);
    expect(await b.create(set, 'ignored', ctx, h0)).toBe(h0);
    const h1 = await b.upload(h0, ctx);
    expect(h1.stage).toBe('uploaded');
    expect(h1.inputs).toHaveLength(4);
    expect(h1.inputs![0]).toBe((set.photos[0]!.source as { path: string }).path);
    const zipSource = set.photos[3]!.source as { zipPath: string };
    expect(h1.inputs![3]!.startsWith(path.join(h0.workspace, 'input'))).toBe(true);
    expect(await readFile(h1.inputs![3]!)).toEqual(
      await readFile(path.join(path.dirname(zipSource.zipPath), 'noise_3.png')),
    );
    expect(ctx.handles).toHaveLength(2);
    expect(ctx.progress.at(-1)).toMatchObject({ fraction: 1 });
  });

  it.skipIf(!has)(
    'runs COLMAP and reports a failed set with its reason and log',
    async () => {
      const set = await noiseSet(path.join(root, 'set-b'));
      const b = createLocalBackend({ workspaceRoot: path.join(root, 'jobs-b'), mesh: 'none' });
      const ctx = context();
      let h = await b.create(set, 'noise', ctx);
      h = await b.upload(h, ctx);
      h = await b.start(h, ctx);
      expect(h.stage).toBe('started');
      const s = await pollUntil(b, h, ctx, (st) => st.phase === 'failed' || st.phase === 'done');
      expect(s.phase).toBe('failed');
      expect(s.message).toMatch(/could not place any of the 4 photos/);
      const lines = await b.logs!(h, ctx);
      // COLMAP's own output verbatim (tool lines), the pipeline's own lines by code.
      expect(lines.some((l) => 'tool' in l && l.tool === 'colmap')).toBe(true);
      expect(lines.some((l) => 'code' in l && l.code.startsWith('localColmap'))).toBe(true);
      expect(await b.logs!(h, ctx)).toEqual([]);
      await expect(b.download(h, path.join(root, 'out'), ctx)).rejects.toThrow(/not finished/);
    },
    180_000,
  );

  it.skipIf(!has)(
    'cancels a running job: no COLMAP left, poll says cancelled',
    async () => {
      const set = await noiseSet(path.join(root, 'set-c'));
      const b = createLocalBackend({ workspaceRoot: path.join(root, 'jobs-c') });
      const ctx = context();
      let h = await b.create(set, 'cancel me', ctx);
      h = await b.upload(h, ctx);
      h = await b.start(h, ctx);
      await pollUntil(b, h, ctx, (st) => st.phase === 'processing' && (st.progress ?? 0) > 0);
      await b.cancel(h);
      expect((await b.poll(h, ctx)).phase).toBe('cancelled');
      expect(await processesMentioning(h.workspace)).toEqual([]);
      await b.remove!(h);
      await expect(stat(h.workspace)).rejects.toThrow();
    },
    120_000,
  );
});
