/**
 * The check reads photos inside a zip in place: stored and deflated entries, EXIF orientation and
 * focal length from the entry's bytes, the duplicate test across entries, and nothing but the small
 * copies in its work folder. COLMAP is left out here (a path to no COLMAP): the per-photo part is
 * what reads the zip; the quick pass runs on the copies either way.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { generateCameraSet, type CameraSet } from '../local/testing/camera-jpegs.js';
import { tempDir } from '../local/testing/fixtures.js';
import { runCheck } from './run-check.js';
import type { CheckReport } from './types.js';

describe('check of photos inside a zip', () => {
  let root: string;
  let set: CameraSet;
  let fromZip: CheckReport;
  let fromFiles: CheckReport;
  let work: string[];
  let copies: { width: number; height: number }[];

  beforeAll(async () => {
    root = await tempDir('scanbridge-check-zip-');
    set = await generateCameraSet({ dir: path.join(root, 'photos'), views: 3, width: 1600, height: 1200, rotated: (i) => i === 1 }); // prettier-ignore
    const z = new yazl.ZipFile();
    set.files.forEach((f, i) => z.addFile(f, `scan/${path.basename(f)}`, { compress: i === 2 }));
    z.addFile(set.files[0]!, 'scan/DSC_0001 copy.jpg', { compress: false });
    z.addBuffer(Buffer.from('notes'), 'scan/readme.txt');
    z.end();
    const chunks: Buffer[] = [];
    for await (const c of z.outputStream) chunks.push(c as Buffer);
    const zipPath = path.join(root, 'photos.zip');
    await writeFile(zipPath, Buffer.concat(chunks));
    const entries = ['scan/DSC_0001.jpg', 'scan/DSC_0002.jpg', 'scan/DSC_0003.jpg', 'scan/DSC_0001 copy.jpg'];
    const workDir = path.join(root, 'work');
    const noColmap = path.join(root, 'no-colmap');
    fromZip = await runCheck({ files: entries.map((entryName) => ({ zipPath, entryName })), workDir, keepWork: true, colmap: noColmap }); // prettier-ignore
    const [folder] = await readdir(workDir);
    const dir = path.join(workDir, folder!);
    work = (await readdir(dir, { recursive: true })).map(String).sort();
    copies = await Promise.all(
      (await readdir(path.join(dir, 'images'))).sort().map(async (f) => {
        const m = await sharp(await readFile(path.join(dir, 'images', f))).metadata();
        return { width: m.width!, height: m.height! };
      }),
    );
    fromFiles = await runCheck({ files: set.files, workDir: path.join(root, 'work2'), colmap: noColmap });
  }, 300_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('names entries as zip › entry and finds the repeated entry', () => {
    expect(fromZip.photos).toBe(4);
    expect(fromZip.colmap).toBe(false);
    expect(fromZip.flagged).toEqual([
      expect.objectContaining({ file: 'photos.zip › scan/DSC_0001 copy.jpg', reasons: ['duplicate'] }),
    ]);
    expect(fromZip.flagged[0]!.detail.duplicate?.of).toBe('photos.zip › scan/DSC_0001.jpg');
  });

  it('writes only small, upright copies to its work folder', () => {
    expect(work).toEqual(['images', 'images/p00001.jpg', 'images/p00002.jpg', 'images/p00003.jpg', 'images/p00004.jpg']); // prettier-ignore
    // The second photo is stored turned (orientation 6): its copy is upright like the others.
    expect(copies).toEqual(Array(4).fill({ width: 640, height: 480 }));
  });

  it('judges an entry exactly as the same photo on disk', () => {
    expect(fromFiles.photos).toBe(3);
    expect(fromFiles.flagged).toEqual([]);
    // Same set reasons (too few photos), plus the flagged repeat the zip has on top.
    const codes = (r: CheckReport): string[] =>
      r.reasons.map((x) => x.code).filter((c) => c !== 'flagged-photos');
    expect(codes(fromZip)).toEqual(codes(fromFiles));
    expect(codes(fromFiles)).toEqual(['few-photos']);
  });
});
