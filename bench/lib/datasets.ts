/**
 * Benchmark photo sets: incompressible JPEG-like files (SOI/APP0 header, random body, EOI), generated
 * once into bench/.data/ and reused. Random data so nothing downstream can cheat by compressing.
 */
import { randomFillSync } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface SetSpec {
  name: string;
  count: number;
  size: number;
}

export const FULL_SETS: SetSpec[] = [
  { name: 'jpeg-300mb', count: 36, size: 8_500_000 },
  { name: 'jpeg-1gb', count: 120, size: 8_500_000 },
  { name: 'jpeg-2gb', count: 250, size: 8_000_000 },
  { name: 'jpeg-1000x1mb', count: 1000, size: 1_000_000 },
];

export const QUICK_SETS: SetSpec[] = [
  { name: 'jpeg-300mb', count: 36, size: 8_500_000 },
  { name: 'jpeg-100x1mb', count: 100, size: 1_000_000 },
];

const JPEG_HEAD = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');
const JPEG_TAIL = Buffer.from('ffd9', 'hex');

async function complete(dir: string, spec: SetSpec): Promise<boolean> {
  try {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.jpg'));
    if (names.length !== spec.count) return false;
    const st = await stat(join(dir, names[names.length - 1] as string));
    return st.size === spec.size;
  } catch {
    return false;
  }
}

export async function ensureSet(root: string, spec: SetSpec): Promise<string> {
  const dir = join(root, spec.name);
  if (await complete(dir, spec)) return dir;
  const tmp = `${dir}.partial`;
  await rm(tmp, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const buf = Buffer.allocUnsafe(spec.size);
  for (let i = 0; i < spec.count; i++) {
    randomFillSync(buf);
    JPEG_HEAD.copy(buf, 0);
    JPEG_TAIL.copy(buf, spec.size - 2);
    const fh = await open(join(tmp, `IMG_${String(i + 1).padStart(4, '0')}.jpg`), 'w');
    await fh.writeFile(buf);
    await fh.close();
  }
  await rename(tmp, dir);
  return dir;
}
