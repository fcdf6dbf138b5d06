import { readdir, readFile, readlink } from 'node:fs/promises';
import { crc32, inflateSync } from 'node:zlib';
import yauzl from 'yauzl';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCloudStub, type CloudStub } from './index.js';
import {
  api,
  fakeClock,
  fakeJpeg,
  imageZip,
  makeZip,
  splitParts,
  tempDir,
  upload,
  type FakeClock,
} from './test-helpers.js';

const T = 'tok-processing-9';

let stub: CloudStub;
let clock: FakeClock;
let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.cleanup());
beforeEach(async () => {
  clock = fakeClock();
  stub = await startCloudStub({
    now: clock.now,
    tokens: [{ token: T }],
    schedule: { startedAfterMs: 10_000, doneAfterMs: 60_000 },
  });
});
afterEach(() => stub.close());

/** Creates a project, uploads `zip` in `parts` parts, starts it. */
async function submit(project: string, zip: Buffer, parts = 1, photos = 4): Promise<void> {
  const c = await api(stub.url, 'createProject', { token: T, project, photos, parts, filesize: zip.length });
  expect(c.status).toBe(200);
  const links = c.json().ulink as string[];
  const pieces = splitParts(zip, parts);
  // Out of order on purpose: the server must assemble by part number, not arrival.
  for (let i = parts - 1; i >= 0; i--) expect((await upload(links[i]!, pieces[i]!)).status).toBe(200);
  expect((await api(stub.url, 'startProject', { token: T, project })).status).toBe(200);
}

const info = async (project: string) => (await api(stub.url, 'getProjectInfo', { token: T, project })).json();

function readZip(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (e: yauzl.Entry) => {
        zip.openReadStream(e, (err2, s) => {
          if (err2) return reject(err2);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            out.set(e.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Follows the dlink the way a client must: unwrap `?id=`, set dl=1. */
function directDownloadUrl(dlink: string): string {
  const outer = new URL(dlink);
  const inner = new URL(outer.searchParams.get('id') ?? dlink);
  inner.searchParams.set('dl', '1');
  return inner.toString();
}

/** The files this process holds open (Linux, where CI runs: /proc/self/fd). */
async function openFiles(): Promise<string[]> {
  const fds = await readdir('/proc/self/fd');
  const targets = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return targets.filter(Boolean);
}

describe('processing', () => {
  it('goes initialized → processing started → processing done on the fake clock', async () => {
    await submit('seq', await imageZip(dir.path, 6), 3, 6);
    expect(await info('seq')).toMatchObject({ status: 'initialized', dlink: null });
    clock.advance(9_999);
    expect((await info('seq')).status).toBe('initialized');
    clock.advance(1);
    expect(await info('seq')).toMatchObject({ status: 'processing started', dlink: null });
    expect((await api(stub.url, 'getQueueEstimate')).json().queue_length).toBe(1);
    clock.advance(50_000);
    const done = await info('seq');
    expect(done.status).toBe('processing done');
    expect(typeof done.dlink).toBe('string');
    expect(stub.state.projects.get('seq')!.files).toHaveLength(6);
    // The link is stable across polls.
    expect((await info('seq')).dlink).toBe(done.dlink);
  });

  it('parts that are not a zip → processing failed with a reason', async () => {
    await submit('junk', Buffer.from('this is not a zip at all, just text'.repeat(10)), 2);
    clock.advance(10_000);
    const r = await info('junk');
    expect(r.status).toBe('processing failed');
    expect(r.error).toMatch(/not a valid zip/);
    expect(r.dlink).toBeNull();
    clock.advance(100_000);
    expect((await info('junk')).status).toBe('processing failed');
    // The failed check let go of the part files (they stayed open until garbage collection).
    const parts = [...stub.state.projects.get('junk')!.received.values()].map((p) => p.path);
    expect(parts).toHaveLength(2);
    expect((await openFiles()).filter((f) => parts.includes(f))).toEqual([]);
  });

  it('a zip with non-images → processing failed naming them', async () => {
    const zip = await makeZip(dir.path, [
      { name: 'IMG_1.jpg', data: fakeJpeg(1) },
      { name: '__MACOSX/._IMG_1.jpg', data: Buffer.from('AppleDouble junk') },
      { name: 'notes.txt', data: Buffer.from('hello') },
    ]);
    await submit('mixed', zip);
    clock.advance(10_000);
    const r = await info('mixed');
    expect(r.status).toBe('processing failed');
    expect(r.error).toMatch(/2 file\(s\) that are not JPEG or PNG/);
    expect(r.error).toContain('notes.txt');
  });

  it('deflated images in folders are accepted too (the check inflates what it must)', async () => {
    const zip = await makeZip(
      dir.path,
      [
        { name: 'scan/', data: Buffer.alloc(0) },
        { name: 'scan/a.jpg', data: fakeJpeg(3, 50_000) },
        { name: 'scan/b.jpg', data: fakeJpeg(4, 50_000) },
      ],
      true,
    );
    await submit('deflated', zip, 3, 2);
    clock.advance(10_000);
    expect((await info('deflated')).status).toBe('processing started');
    expect(stub.state.projects.get('deflated')!.files).toEqual(['scan/a.jpg', 'scan/b.jpg']);
  });

  it('a zip cut short (last part missing bytes) → processing failed', async () => {
    const zip = await imageZip(dir.path, 4);
    await submit('short', zip.subarray(0, zip.length - 30));
    clock.advance(10_000);
    expect((await info('short')).status).toBe('processing failed');
  });

  it('the dlink is wrapped; unwrapped with dl=1 it serves a zip with a textured OBJ', async () => {
    await submit('dl', await imageZip(dir.path, 2), 1, 2);
    clock.advance(60_000);
    const { dlink } = await info('dl');
    expect(String(dlink)).toMatch(new RegExp(`^${stub.url}/dl\\?id=`));
    const inner = new URL(new URL(String(dlink)).searchParams.get('id')!);
    expect(inner.pathname).toMatch(/^\/s\/[\w-]+\/dl\.zip$/);
    expect(inner.searchParams.get('dl')).toBe('0');

    // dl=0 is an HTML preview page, not the zip.
    const preview = await fetch(inner);
    expect(preview.headers.get('content-type')).toMatch(/text\/html/);
    // The wrapper redirects to the share link.
    const wrapped = await fetch(String(dlink), { redirect: 'manual' });
    expect(wrapped.status).toBe(302);
    expect(wrapped.headers.get('location')).toBe(inner.toString());

    const res = await fetch(directDownloadUrl(String(dlink)));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const buf = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(buf.length);
    const files = await readZip(buf);
    expect([...files.keys()].sort()).toEqual(['model.mtl', 'model.obj', 'texture.png']);
    const obj = files.get('model.obj')!.toString('utf8');
    expect(obj).toContain('mtllib model.mtl');
    expect(obj.match(/^v /gm)).toHaveLength(8);
    expect(obj.match(/^vt /gm)).toHaveLength(4);
    expect(obj.match(/^vn /gm)).toHaveLength(6);
    expect(obj.match(/^f \d+\/\d+\/\d+ \d+\/\d+\/\d+ \d+\/\d+\/\d+$/gm)).toHaveLength(12);
    expect(files.get('model.mtl')!.toString('utf8')).toMatch(/^map_Kd texture\.png$/m);
    assertValidPng(files.get('texture.png')!);
  });

  it('serves Range requests with 206 so a download can resume, 416 past the end', async () => {
    await submit('range', await imageZip(dir.path, 2), 1, 2);
    clock.advance(60_000);
    const url = directDownloadUrl(String((await info('range')).dlink));
    const full = Buffer.from(await (await fetch(url)).arrayBuffer());
    const r = await fetch(url, { headers: { Range: 'bytes=100-' } });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe(`bytes 100-${full.length - 1}/${full.length}`);
    const tail = Buffer.from(await r.arrayBuffer());
    expect(Buffer.concat([full.subarray(0, 100), tail]).equals(full)).toBe(true);
    const mid = await fetch(url, { headers: { Range: 'bytes=10-19' } });
    expect(Buffer.from(await mid.arrayBuffer()).equals(full.subarray(10, 20))).toBe(true);
    const past = await fetch(url, { headers: { Range: `bytes=${full.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${full.length}`);
  });

  it('unknown share links are 404', async () => {
    expect((await fetch(`${stub.url}/s/nothing/x.zip?dl=1`)).status).toBe(404);
    const open = await fetch(`${stub.url}/dl?id=${encodeURIComponent('http://evil.example/s/x/y.zip')}`, {
      redirect: 'manual',
    });
    expect(open.status).toBe(404);
  });

  it('assembledZipPath concatenates the parts in order', async () => {
    const zip = await imageZip(dir.path, 5);
    await submit('asm', zip, 4, 5);
    const path = await stub.assembledZipPath('asm');
    expect((await readFile(path)).equals(zip)).toBe(true);
  });

  it('resetProject after a failure allows a fresh upload that then succeeds', async () => {
    await submit('again', Buffer.from('garbage'));
    clock.advance(10_000);
    expect((await info('again')).status).toBe('processing failed');
    expect((await api(stub.url, 'resetProject', { token: T, project: 'again' })).status).toBe(200);
    const zip = await imageZip(dir.path, 2);
    const links = (await info('again')).ulink as string[];
    expect((await upload(links[0]!, zip)).status).toBe(200);
    expect((await api(stub.url, 'startProject', { token: T, project: 'again' })).status).toBe(200);
    clock.advance(60_000);
    expect((await info('again')).status).toBe('processing done');
  });
});

describe('plain dlinks', () => {
  it('dlinkStyle plain gives the share link directly', async () => {
    const c = fakeClock();
    const s = await startCloudStub({
      now: c.now,
      tokens: [{ token: T }],
      dlinkStyle: 'plain',
      schedule: { startedAfterMs: 0, doneAfterMs: 0 },
    });
    try {
      const zip = await imageZip(dir.path, 1);
      const links = (
        await api(s.url, 'createProject', {
          token: T,
          project: 'p',
          photos: 1,
          parts: 1,
          filesize: zip.length,
        })
      ).json().ulink as string[];
      await upload(links[0]!, zip);
      await api(s.url, 'startProject', { token: T, project: 'p' });
      const r = (await api(s.url, 'getProjectInfo', { token: T, project: 'p' })).json();
      expect(r.status).toBe('processing done');
      expect(String(r.dlink)).toMatch(new RegExp(`^${s.url}/s/[\\w-]+/p\\.zip\\?dl=0$`));
    } finally {
      await s.close();
    }
  });
});

function assertValidPng(png: Buffer): void {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  let off = 8;
  const types: string[] = [];
  let idat = Buffer.alloc(0);
  let width = 0;
  let height = 0;
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.subarray(off + 4, off + 8).toString('ascii');
    const data = png.subarray(off + 8, off + 8 + len);
    expect(png.readUInt32BE(off + 8 + len)).toBe(crc32(png.subarray(off + 4, off + 8 + len)) >>> 0);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    }
    if (type === 'IDAT') idat = Buffer.concat([idat, data]);
    types.push(type);
    off += 12 + len;
  }
  expect(types[0]).toBe('IHDR');
  expect(types.at(-1)).toBe('IEND');
  expect(width).toBeGreaterThan(0);
  // RGB, one filter byte per row.
  expect(inflateSync(idat).length).toBe(height * (1 + width * 3));
}
