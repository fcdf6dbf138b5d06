/**
 * Pins the official COLMAP builds: downloads every build named in manifest.json, prints its SHA-256
 * and size, and prints the manifest with those values filled in (or writes it with --write). Run by
 * the "COLMAP checksums" workflow on GitHub's runners, which opens a pull request with the result;
 * this machine cannot reach the downloads. A checksum is only as good as the download it was taken
 * from: the workflow fetches from the URL in the manifest (COLMAP's own GitHub releases), over HTTPS.
 *
 *   npx tsx main/app/packaging/colmap-checksums.ts [--write]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { downloadFile } from '../../core/net/download.js';
import {
  COLMAP_DIR,
  PLATFORMS,
  readManifest,
  sha256Of,
  type ColmapManifest,
  type ColmapPlatform,
} from './fetch-colmap.js';

export interface MeasuredBuild {
  platform: ColmapPlatform;
  url: string;
  sha256: string;
  bytes: number;
}

/** Downloads each listed build into a temporary folder (removed afterwards) and measures it. */
export async function measureBuilds(manifest: ColmapManifest): Promise<MeasuredBuild[]> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'sb-colmap-sums-'));
  try {
    const out: MeasuredBuild[] = [];
    for (const platform of PLATFORMS) {
      const entry = manifest[platform];
      if (!entry) continue;
      const file = path.join(tmp, `${platform}.zip`);
      const bytes = await downloadFile(entry.url, file);
      out.push({ platform, url: entry.url, sha256: await sha256Of(file), bytes });
    }
    return out;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The manifest with each measured build's sha256 set; everything else is kept as it was. */
export function pinManifest(manifest: ColmapManifest, measured: MeasuredBuild[]): ColmapManifest {
  const next: ColmapManifest = structuredClone(manifest);
  for (const m of measured) {
    const entry = next[m.platform];
    if (!entry || entry.url !== m.url)
      throw new Error(`The manifest no longer lists ${m.url} for ${m.platform}.`);
    entry.sha256 = m.sha256;
  }
  return next;
}

async function main(): Promise<void> {
  const file = path.join(COLMAP_DIR, 'manifest.json');
  const manifest = await readManifest(file);
  const measured = await measureBuilds(manifest);
  for (const m of measured)
    console.log(
      `${m.platform}: sha256 ${m.sha256}  ${m.bytes} bytes (${(m.bytes / 1e6).toFixed(1)} MB)  ${m.url}`,
    );
  const text = `${JSON.stringify(pinManifest(manifest, measured), null, 2)}\n`;
  if (process.argv.includes('--write')) {
    await writeFile(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  } else {
    console.log('\nmain/app/resources/colmap/manifest.json with the checksums filled in:\n');
    process.stdout.write(text);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(`colmap-checksums: ${(e as Error).message}`);
    process.exitCode = 1;
  });
}
