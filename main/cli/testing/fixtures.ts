/** What the CLI suite's files share: a temp folder, the cloud stub with known tokens, a photo set. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startCloudStub, type CloudStub } from '../../../server-stub/cloud/index.js';
import { makePhotoSet } from '../../core/photos/testing/make-set.js';

export const TOKEN = 'cli-suite-token-5c1d2e7f';
export const TINY_TOKEN = 'cli-suite-tiny-token-0001';

export interface CliFixture {
  base: string;
  stub: CloudStub;
  /** A fresh data folder per call: tests never share a journal or a lock. */
  dataDir(): Promise<string>;
  /** A folder of `count` small valid photos. */
  photos(name: string, count?: number, bytesEach?: number): Promise<string>;
  close(): Promise<void>;
}

export async function cliFixture(): Promise<CliFixture> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'sb-cli-'));
  const stub = await startCloudStub({
    tokens: [
      { token: TOKEN },
      { token: TINY_TOKEN, limit_photos: 3, limit_filesize: 1_000_000, credit: 1e9 },
    ],
    schedule: { startedAfterMs: 100, doneAfterMs: 400 },
  });
  let n = 0;
  return {
    base,
    stub,
    dataDir: () => mkdtemp(path.join(base, 'data-')),
    photos: async (name, count = 6, bytesEach = 300_000) => {
      const dir = path.join(base, name);
      await makePhotoSet(dir, { count, bytesEach, seed: `${name}-${n++}` });
      return dir;
    },
    close: async () => {
      await stub.close();
      await rm(base, { recursive: true, force: true });
    },
  };
}

/** Characters a terminal must never get from our numbers. */
export const BAD_NUMBERS = /NaN|Infinity|null|undefined/;
