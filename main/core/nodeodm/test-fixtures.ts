/** Test helpers: real photo files in a temp folder, and a BackendContext that records what it is told. */
import { logFields } from '../log-line.js';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BackendContext } from '../jobs/backend.js';
import type { NodeOdmClient } from './client.js';
import { multipartPhotos } from './multipart.js';
import type { NodeOdmOptionValue } from './options.js';
import type { PhotoSet, SetPhoto } from '../photos/set.js';

export async function tempDir(
  prefix = 'nodeodm-test-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes `count` distinct files of about `size` bytes and returns them as a set. */
export async function makePhotoSet(dir: string, count: number, size = 20_000): Promise<PhotoSet> {
  const photos: SetPhoto[] = [];
  for (let i = 0; i < count; i++) {
    const name = `IMG_${String(i).padStart(4, '0')}.jpg`;
    const file = path.join(dir, name);
    const bytes = Buffer.alloc(size + i, i % 251);
    bytes.write(`photo ${i}`, 0);
    await writeFile(file, bytes);
    const st = await stat(file);
    photos.push({
      source: { kind: 'file', path: file },
      displayPath: file,
      relPath: name,
      size: st.size,
      mtimeMs: st.mtimeMs,
    });
  }
  return { photoCount: photos.length, totalBytes: photos.reduce((n, p) => n + p.size, 0), photos };
}

export interface RecordingContext extends BackendContext {
  saved: unknown[];
  logs: string[];
  controller: AbortController;
}

export function recordingContext(): RecordingContext {
  const controller = new AbortController();
  const saved: unknown[] = [];
  const logs: string[] = [];
  return {
    controller,
    signal: controller.signal,
    saved,
    logs,
    saveHandle: async (h) => {
      saved.push(JSON.parse(JSON.stringify(h)));
    },
    onProgress: () => undefined,
    log: (level, line) => logs.push(`${level}: ${logFields(line).message}`),
  };
}

export const FAST_RETRY = { retries: 4, baseMs: 10, maxMs: 50 };

/** Sends one small photo to an initialised task: a real node refuses to commit a task without one. */
export async function uploadOnePhoto(client: NodeOdmClient, uuid: string): Promise<void> {
  const { dir, cleanup } = await tempDir();
  try {
    const set = await makePhotoSet(dir, 1, 600);
    await client.uploadImages(uuid, multipartPhotos([{ name: 'one.jpg', photo: set.photos[0]! }]));
  } finally {
    await cleanup();
  }
}

/** init → one photo → commit: a task the node accepts. */
export async function committedTask(
  client: NodeOdmClient,
  name: string,
  options: NodeOdmOptionValue[] = [],
): Promise<string> {
  const uuid = await client.initTask(name, options);
  await uploadOnePhoto(client, uuid);
  await client.commitTask(uuid);
  return uuid;
}
