/**
 * The measured client, run as its own process: scan a folder (stat only), plan the zip, upload every
 * part to the sink, print one JSON line with its own CPU, peak RSS and disk writes.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { assignArchiveNames } from '../../main/core/pack/archive-names.js';
import { CrcStore } from '../../main/core/pack/crc-store.js';
import { choosePartSize, planZip } from '../../main/core/pack/plan.js';
import type { PackEntry } from '../../main/core/pack/types.js';
import { uploadParts } from '../../main/core/upload/upload-parts.js';
import { selfStats } from './proc-stats.js';

interface ChildArgs {
  dir: string;
  sinkBase: string;
  concurrency: number;
  partSize?: number;
  chunkSize?: number;
}

async function main(): Promise<void> {
  const a = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
  const t0 = performance.now();
  const names = (await readdir(a.dir)).filter((n) => n.endsWith('.jpg')).sort();
  const stats = await Promise.all(names.map((n) => stat(join(a.dir, n))));
  const archive = assignArchiveNames(names.map((relPath) => ({ relPath })));
  const entries: PackEntry[] = names.map((n, i) => ({
    source: { kind: 'file', path: join(a.dir, n) },
    archiveName: archive[i] as string,
    size: stats[i]!.size,
    mtimeMs: stats[i]!.mtimeMs,
  }));
  const total = entries.reduce((s, e) => s + e.size, 0);
  const plan = planZip(entries, {
    partSize: a.partSize ?? choosePartSize(total, { concurrency: a.concurrency }),
  });
  const tPlanned = performance.now();
  await uploadParts({
    plan,
    urls: plan.parts.map((p) => `${a.sinkBase}/p${p.index + 1}`),
    crcs: new CrcStore(),
    concurrency: a.concurrency,
    chunkSize: a.chunkSize,
    onPartDone: async () => undefined,
  });
  const tDone = performance.now();
  process.stdout.write(
    JSON.stringify({
      totalSize: plan.totalSize,
      parts: plan.parts.length,
      partSize: plan.partSize,
      // From this process's start (its own clock origin), so node's startup is visible separately.
      planMs: Math.round(tPlanned - t0),
      startupMs: Math.round(t0),
      uploadMs: Math.round(tDone - tPlanned),
      ...selfStats(),
    }) + '\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
