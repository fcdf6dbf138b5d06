/** Test helpers (used by pack/ and upload/ tests): real files in a temp dir, and concatenated parts. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assignArchiveNames } from '../archive-names.js';
import { CrcStore } from '../crc-store.js';
import { partChunks } from '../part-stream.js';
import type { PackEntry, ZipPlan } from '../types.js';

export async function tempDir(prefix = 'sb-pack-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes random files (incompressible, like JPEG data) and returns entries for them. */
export async function makeFiles(dir: string, specs: { name: string; size: number }[]): Promise<PackEntry[]> {
  const names = assignArchiveNames(specs.map((s) => ({ relPath: s.name })));
  const out: PackEntry[] = [];
  for (const [i, s] of specs.entries()) {
    const path = join(dir, `src-${i}-${s.name.replace(/[/\\]/g, '_')}`);
    await writeFile(path, randomBytes(s.size));
    const st = await stat(path);
    out.push({
      source: { kind: 'file', path },
      archiveName: names[i] as string,
      size: st.size,
      mtimeMs: st.mtimeMs,
    });
  }
  return out;
}

export async function partBytes(plan: ZipPlan, index: number, crcs: CrcStore): Promise<Buffer> {
  const bufs: Buffer[] = [];
  for await (const b of partChunks(plan, index, { crcs })) bufs.push(Buffer.from(b));
  return Buffer.concat(bufs);
}

export async function wholeZip(plan: ZipPlan, crcs = new CrcStore()): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const p of plan.parts) parts.push(await partBytes(plan, p.index, crcs));
  return Buffer.concat(parts);
}
