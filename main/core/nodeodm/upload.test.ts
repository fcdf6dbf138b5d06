import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logFields } from '../log-line.js';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { startNodeOdmStub, type NodeOdmStub } from '../../../server-stub/nodeodm/index.js';
import { CancelledError } from '../errors.js';

import { createNodeOdmClient } from './client.js';
import { uploadNames } from './multipart.js';
import { FAST_RETRY, makePhotoSet, tempDir } from './test-fixtures.js';
import { planBatches, uploadPhotos } from './upload.js';
import type { SetPhoto } from '../photos/set.js';

let dir: string;
let cleanup: () => Promise<void>;
let stub: NodeOdmStub | undefined;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => {
  await stub?.close();
  stub = undefined;
  await cleanup();
});

const items = (photos: SetPhoto[]) => {
  const names = uploadNames(photos);
  return photos.map((photo, i) => ({ name: names[i] as string, photo }));
};

async function storedBytesMatch(
  s: NodeOdmStub,
  uuid: string,
  list: ReturnType<typeof items>,
): Promise<boolean> {
  const task = s.state.tasks.get(uuid);
  for (const it of list) {
    const src = it.photo.source;
    const want = src.kind === 'file' ? await readFile(src.path) : undefined;
    const got = await readFile(path.join(task?.dir ?? '', it.name));
    if (want && !want.equals(got)) return false;
  }
  return true;
}

describe('uploadPhotos', () => {
  it('sends every photo once, several per request, a few requests at a time', async () => {
    stub = await startNodeOdmStub({ token: 'tok-upload-1' });
    const client = createNodeOdmClient({ url: stub.url, token: 'tok-upload-1', retry: FAST_RETRY });
    const set = await makePhotoSet(dir, 25);
    const list = items(set.photos);
    const uuid = await client.initTask('up', []);
    const confirmedCalls: string[][] = [];
    const summary = await uploadPhotos(client, uuid, list, {
      batchPhotos: 4,
      concurrency: 3,
      onPhotoConfirmed: (names) => void confirmedCalls.push(names),
    });
    expect(summary).toMatchObject({ sentPhotos: 25, requests: 7, retries: 0, sentBytes: set.totalBytes });
    expect(confirmedCalls.flat().sort()).toEqual(list.map((i) => i.name).sort());
    expect(stub.state.tasks.get(uuid)?.images.sort()).toEqual(list.map((i) => i.name).sort());
    expect(await storedBytesMatch(stub, uuid, list)).toBe(true);
  });

  it('retries HTTP 500 drops and cut connections; nothing is stored twice', async () => {
    stub = await startNodeOdmStub({
      token: 'tok-flaky-9',
      faults: { dropUploadRate: 0.3, cutUploadRate: 0.15, seed: 7 },
    });
    const client = createNodeOdmClient({
      url: stub.url,
      token: 'tok-flaky-9',
      retry: { retries: 8, baseMs: 5, maxMs: 20 },
    });
    const set = await makePhotoSet(dir, 40, 30_000);
    const list = items(set.photos);
    const uuid = await client.initTask('flaky', []);
    const warnings: string[] = [];
    const summary = await uploadPhotos(client, uuid, list, {
      batchPhotos: 3,
      log: (_l, line) => warnings.push(logFields(line).message),
    });
    expect(stub.state.counters.drops + stub.state.counters.cuts).toBeGreaterThan(0);
    expect(summary.retries).toBe(stub.state.counters.drops + stub.state.counters.cuts);
    expect(warnings.length).toBe(summary.retries);
    expect(warnings.join('\n')).toMatch(/HTTP 500|connection/);
    expect(warnings.join('\n')).not.toContain('tok-flaky-9');
    const stored = stub.state.tasks.get(uuid)?.images ?? [];
    expect(stored).toHaveLength(40);
    expect(stored.some((n) => n.includes('_.'))).toBe(false);
    expect(await storedBytesMatch(stub, uuid, list)).toBe(true);
  });

  it('resumes from the confirmed list without sending any photo twice', async () => {
    stub = await startNodeOdmStub();
    const client = createNodeOdmClient({ url: stub.url, retry: FAST_RETRY });
    const set = await makePhotoSet(dir, 30);
    const list = items(set.photos);
    const uuid = await client.initTask('resume', []);
    const journal: string[] = [];
    const stop = new AbortController();
    const first = await uploadPhotos(client, uuid, list, {
      batchPhotos: 5,
      concurrency: 1,
      signal: stop.signal,
      onPhotoConfirmed: (names) => {
        journal.push(...names);
        if (journal.length >= 10) stop.abort(); // the app quits after two requests
      },
    }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(CancelledError);
    expect(journal).toHaveLength(10);
    const requestsBefore = stub.state.counters.uploadRequests;

    const second = await uploadPhotos(client, uuid, list, { batchPhotos: 5, confirmed: journal });
    expect(second).toMatchObject({ skippedPhotos: 10, sentPhotos: 20 });
    expect(stub.state.counters.uploadRequests - requestsBefore).toBe(4);
    const stored = stub.state.tasks.get(uuid)?.images ?? [];
    expect(stored.sort()).toEqual(list.map((i) => i.name).sort());
  });

  it('stops with a clear error, without retrying, when the node forgot the task mid-upload', async () => {
    stub = await startNodeOdmStub();
    const client = createNodeOdmClient({ url: stub.url, retry: FAST_RETRY });
    const uuid = await client.initTask('forgotten', []);
    await stub.restart();
    const err = await uploadPhotos(client, uuid, items((await makePhotoSet(dir, 4)).photos), {
      batchPhotos: 4,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(uuid) });
    expect(stub.state.log.filter((l) => l.startsWith('POST /task/new/upload/'))).toHaveLength(1);
  });

  it('refuses a photo that changed since the scan, without retrying', async () => {
    stub = await startNodeOdmStub();
    const client = createNodeOdmClient({ url: stub.url, retry: FAST_RETRY });
    const set = await makePhotoSet(dir, 3);
    const first = set.photos[0] as SetPhoto;
    await writeFile((first.source as { path: string }).path, 'shorter now');
    const uuid = await client.initTask('changed', []);
    await expect(uploadPhotos(client, uuid, items(set.photos))).rejects.toMatchObject({
      code: 'SOURCE_CHANGED',
    });
    // The request may have begun before the photo was opened: it was cut, stored nothing, and was not retried.
    expect(stub.state.log.filter((l) => l.startsWith('POST /task/new/upload/')).length).toBeLessThanOrEqual(
      1,
    );
    expect(stub.state.tasks.get(uuid)?.images).toEqual([]);
  });

  it('streams photos straight out of a zip (stored and deflated entries)', async () => {
    stub = await startNodeOdmStub();
    const client = createNodeOdmClient({ url: stub.url, retry: FAST_RETRY });
    const zipPath = path.join(dir, 'scan.zip');
    const a = Buffer.alloc(50_000, 3);
    const b = Buffer.from('b'.repeat(40_000));
    const z = new yazl.ZipFile();
    z.addBuffer(a, 'scan/A.jpg', { compress: false });
    z.addBuffer(b, 'scan/B.jpg', { compress: true });
    z.end();
    await pipeline(z.outputStream as Readable, createWriteStream(zipPath));
    const photos: SetPhoto[] = await new Promise((resolve, reject) => {
      const out: SetPhoto[] = [];
      yauzl.open(zipPath, { lazyEntries: false }, (err, zf) => {
        if (err || !zf) return reject(err);
        zf.on('entry', (e: yauzl.Entry) =>
          out.push({
            source: {
              kind: 'zip',
              zipPath,
              entryName: e.fileName,
              compression: e.compressionMethod === 0 ? 'store' : 'deflate',
              compressedSize: e.compressedSize,
              localHeaderOffset: e.relativeOffsetOfLocalHeader,
              crc32: e.crc32,
            },
            displayPath: `scan.zip › ${e.fileName}`,
            relPath: e.fileName,
            size: e.uncompressedSize,
            mtimeMs: 0,
          }),
        );
        zf.on('end', () => resolve(out));
      });
    });
    expect(photos.map((p) => (p.source as { compression: string }).compression)).toEqual([
      'store',
      'deflate',
    ]);
    const uuid = await client.initTask('zip', []);
    await uploadPhotos(client, uuid, items(photos));
    const tdir = stub.state.tasks.get(uuid)?.dir ?? '';
    expect((await readFile(path.join(tdir, 'A.jpg'))).equals(a)).toBe(true);
    expect((await readFile(path.join(tdir, 'B.jpg'))).equals(b)).toBe(true);
  });
});

describe('planBatches and uploadNames', () => {
  it('cuts batches by count and bytes and keeps order', async () => {
    const set = await makePhotoSet(dir, 10, 1000);
    const b = planBatches(items(set.photos), 4, 2500);
    expect(b.map((x) => x.length)).toEqual([2, 2, 2, 2, 2]);
    expect(b.flat().map((i) => i.photo)).toEqual(set.photos);
  });

  it('keeps names unique when two folders hold the same file name', () => {
    const p = (relPath: string): SetPhoto => ({
      source: { kind: 'file', path: relPath },
      displayPath: relPath,
      relPath,
      size: 1,
      mtimeMs: 0,
    });
    expect(uploadNames([p('a/IMG_1.jpg'), p('b/IMG_1.jpg'), p('c/IMG_2.jpg'), p('a_IMG_1.jpg')])).toEqual([
      'a_IMG_1.jpg',
      'b_IMG_1.jpg',
      'IMG_2.jpg',
      'a_IMG_1-2.jpg',
    ]);
  });
});
