/**
 * Puts the official COLMAP build for a platform into main/app/resources/colmap/<platform>, where
 * electron-builder's extraResources picks it up. Streams the download (resumable), verifies its
 * SHA-256 against the pinned value in manifest.json BEFORE anything is extracted, extracts safely
 * (no path escapes, size caps) into a temporary folder and only then swaps it in.
 *
 *   npx tsx main/app/packaging/fetch-colmap.ts win        (run on the packaging machine, before electron-builder)
 *   npx tsx main/app/packaging/fetch-colmap.ts mac --if-listed   (a platform with no entry is not an error:
 *                                                                 the app uses the COLMAP on PATH there)
 *   npx tsx main/app/packaging/fetch-colmap.ts --check    (every listed build has a pinned SHA-256? no download)
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { downloadFile } from '../../core/net/download.js';
import { safeExtractZip } from '../../core/archive/safe-extract.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const COLMAP_DIR = path.join(here, '..', 'resources', 'colmap');

const EntrySchema = z.object({
  url: z
    .string()
    .url()
    .refine((u) => u.startsWith('https://') || u.startsWith('http://127.0.0.1'), 'https only'),
  sha256: z.string().regex(/^([0-9a-f]{64})?$/, 'a lowercase hex SHA-256'),
  stripComponents: z.number().int().min(0).max(3).default(0),
});
const ManifestSchema = z
  .object({ win: EntrySchema.optional(), mac: EntrySchema.optional(), linux: EntrySchema.optional() })
  .passthrough();
export type ColmapPlatform = 'win' | 'mac' | 'linux';

export type ColmapManifest = z.infer<typeof ManifestSchema>;
export const PLATFORMS: readonly ColmapPlatform[] = ['win', 'mac', 'linux'];

export class ChecksumError extends Error {}

export async function readManifest(file = path.join(COLMAP_DIR, 'manifest.json')): Promise<ColmapManifest> {
  return ManifestSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}

/** The listed platforms whose build has no pinned SHA-256 yet: a release must not go out with any. */
export function unpinnedPlatforms(manifest: ColmapManifest): ColmapPlatform[] {
  return PLATFORMS.filter((p) => manifest[p] !== undefined && !manifest[p]!.sha256);
}

export async function sha256Of(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Returns the folder it filled. Throws (leaving the previous contents untouched) on any mismatch. */
export async function fetchColmap(
  platform: ColmapPlatform,
  opts: { manifest?: string; dest?: string; cacheDir?: string } = {},
): Promise<string> {
  const manifest = await readManifest(opts.manifest);
  const entry = manifest[platform];
  if (!entry)
    throw new Error(`No COLMAP build is listed for ${platform}; the app will use the COLMAP on PATH there.`);
  if (!entry.sha256) {
    throw new ChecksumError(
      `No SHA-256 is pinned for the ${platform} build. Download ${entry.url} once from a trusted machine, ` +
        'check it, and record its sha256 in manifest.json.',
    );
  }
  const dest = opts.dest ?? path.join(COLMAP_DIR, platform);
  const cache = opts.cacheDir ?? path.join(COLMAP_DIR, '.cache');
  await mkdir(cache, { recursive: true });
  const zip = path.join(cache, `${platform}-${entry.sha256.slice(0, 16)}.zip`);
  await downloadFile(entry.url, zip);
  const actual = await sha256Of(zip);
  if (actual !== entry.sha256) {
    await rm(zip, { force: true });
    throw new ChecksumError(
      `The ${platform} COLMAP download does not match its pinned checksum (got ${actual}). Nothing was installed.`,
    );
  }
  const tmp = await mkdtemp(path.join(path.dirname(dest), `.${platform}-`));
  try {
    await safeExtractZip(zip, tmp, { limits: { maxTotalBytes: 4 * 1024 ** 3, maxFiles: 20_000 } });
    let root = tmp;
    for (let i = 0; i < entry.stripComponents; i++) {
      const tops = await readdir(root);
      if (tops.length !== 1)
        throw new Error(`Expected one top folder to strip in the ${platform} archive, found ${tops.length}.`);
      root = path.join(root, tops[0]!);
    }
    // Keep the placeholder README beside the binaries; replace everything else.
    const readme = await readFile(path.join(dest, 'README.md'), 'utf8').catch(() => undefined);
    await rm(dest, { recursive: true, force: true });
    await rename(root, dest);
    if (readme !== undefined) await writeFile(path.join(dest, 'README.md'), readme);
    return dest;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function cli(args: string[]): Promise<number> {
  if (args[0] === '--check') {
    const missing = unpinnedPlatforms(await readManifest());
    if (missing.length === 0) {
      process.stdout.write('fetch-colmap: every listed COLMAP build has a pinned SHA-256\n');
      return 0;
    }
    process.stderr.write(
      `fetch-colmap: no SHA-256 pinned for ${missing.join(', ')} in main/app/resources/colmap/manifest.json. ` +
        'Run the "COLMAP checksums" workflow (Actions tab) and merge its pull request, then tag again.\n',
    );
    return 1;
  }
  const platform = args[0] as ColmapPlatform;
  if (!PLATFORMS.includes(platform)) {
    process.stderr.write('usage: fetch-colmap.ts win|mac|linux [--if-listed] | --check\n');
    return 2;
  }
  if (args.includes('--if-listed') && !(await readManifest())[platform]) {
    process.stdout.write(
      `fetch-colmap: no official COLMAP build is listed for ${platform}: the package ships none, and the app ` +
        'uses the COLMAP on PATH (or the path set in Settings) there.\n',
    );
    return 0;
  }
  const dir = await fetchColmap(platform);
  process.stdout.write(`COLMAP for ${platform} is in ${dir}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  cli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: Error) => {
      process.stderr.write(`fetch-colmap: ${e.message}\n`);
      process.exitCode = 1;
    },
  );
}
