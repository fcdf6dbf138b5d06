/**
 * The last few pre-flight checks' match graphs, kept in the data folder, so a local reconstruction
 * in another process (`scanbridge reconstruct` after `scanbridge check`, or the app after a restart)
 * plans from what the check learned instead of matching every candidate pair again.
 *
 * A graph is only good for the very photos it saw: each photo is stored with its identity (size and
 * modification time of its file, or of its zip), and a graph is used only while every photo of the
 * run is still the file the check read. The file is small and bounded (the newest MAX_GRAPHS), written
 * atomically (a crash leaves the old file or the new one); a damaged or foreign file is ignored —
 * a missing graph costs matching time, never a failure.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { MatchPrior, PhotoKey } from './match-prior.js';

/** Graphs kept: a person checks a set, maybe a changed one, then processes it. */
export const MAX_GRAPHS = 4;
/** A file larger than this is not ours to parse (4 graphs of 2,000 photos are ~3 MB). */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Photos per graph we store: beyond this a check is not what plans the run (hours of COLMAP). */
const MAX_PHOTOS = 20_000;
/** Pairs per graph we store (the strongest): ~16 bytes each keeps the file under MAX_FILE_BYTES. */
export const MAX_PAIRS = 400_000;

const StoredSchema = z.object({
  version: z.literal(1),
  graphs: z
    .array(
      z.object({
        at: z.string(),
        /** [key, identity] per photo, in the check's order (pairs index into it). */
        photos: z.array(z.tuple([z.string(), z.string()])).max(MAX_PHOTOS),
        /** [a, b, inliers]. */
        pairs: z
          .array(z.tuple([z.number().int().min(0), z.number().int().min(0), z.number().min(0)]))
          .max(MAX_PAIRS),
      }),
    )
    .max(64),
});
type Stored = z.infer<typeof StoredSchema>;

export interface MatchGraphStore {
  /** Keeps a finished check's graph (never throws: a graph that cannot be kept is only lost time). */
  remember(photos: PhotoKey[], pairs: MatchPrior['pairs']): Promise<void>;
  /**
   * The newest graph that saw every one of `photos` as they are now (photos it saw beyond them were
   * dropped by the person; a photo changed since the check makes that graph useless).
   */
  find(photos: PhotoKey[]): Promise<MatchPrior | undefined>;
}

export function matchGraphFile(dataDir: string): string {
  return path.join(dataDir, 'match-graphs.json');
}

/** What changes when a photo's file is replaced or edited: its size and modification time. */
async function identity(key: PhotoKey): Promise<string | undefined> {
  // A zip entry's key is `zip\0entry`: the zip's own identity stands for its entries.
  const file = key.split('\u0000')[0]!;
  try {
    const s = await stat(file);
    return s.isFile() ? `${s.size}:${Math.round(s.mtimeMs)}` : undefined;
  } catch {
    return undefined;
  }
}

async function identities(keys: PhotoKey[]): Promise<(string | undefined)[]> {
  const out: (string | undefined)[] = [];
  // In slices: thousands of stats at once would only queue in libuv's pool anyway.
  for (let i = 0; i < keys.length; i += 64)
    out.push(...(await Promise.all(keys.slice(i, i + 64).map(identity))));
  return out;
}

async function readStored(file: string): Promise<Stored['graphs']> {
  try {
    const s = await stat(file);
    if (!s.isFile() || s.size > MAX_FILE_BYTES) return [];
    const parsed = StoredSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data.graphs : [];
  } catch {
    return [];
  }
}

/** The pairs kept of a graph: all, or the MAX_PAIRS with the most inliers (what planning leans on). */
function strongest(pairs: MatchPrior['pairs']): MatchPrior['pairs'] {
  return pairs.length <= MAX_PAIRS
    ? pairs
    : [...pairs].sort((x, y) => y.inliers - x.inliers).slice(0, MAX_PAIRS);
}

export function createMatchGraphStore(opts: {
  file: string;
  max?: number;
  /** Why a graph could not be kept (the process log). */
  log?: (line: string) => void;
}): MatchGraphStore {
  const max = opts.max ?? MAX_GRAPHS;
  // One read-modify-write at a time in this process (two checks ending together keep both graphs).
  let writing: Promise<void> = Promise.resolve();
  async function write(photos: PhotoKey[], pairs: MatchPrior['pairs']): Promise<void> {
    try {
      const ids = await identities(photos);
      // A photo we cannot stat now would never match later: keep the graph for the others.
      const entry: Stored['graphs'][number] = {
        at: new Date().toISOString(),
        photos: photos.map((k, i) => [k, ids[i] ?? '']),
        pairs: strongest(pairs).map((p) => [p.a, p.b, p.inliers]),
      };
      const sameSet = (g: Stored['graphs'][number]): boolean =>
        g.photos.length === photos.length && g.photos.every(([k], i) => k === photos[i]);
      // A newer check of the same photos replaces the older one.
      const kept = (await readStored(opts.file)).filter((g) => !sameSet(g));
      const next: Stored = { version: 1, graphs: [entry, ...kept].slice(0, max) };
      // The CLI's check may be the first thing run with this data folder: private, like the journal's.
      await mkdir(path.dirname(opts.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(opts.file, JSON.stringify(next), { mode: 0o600 });
    } catch (e) {
      opts.log?.(`The check's match graph was not kept: ${(e as Error).message}`);
    }
  }
  return {
    remember(photos, pairs) {
      if (photos.length === 0 || photos.length > MAX_PHOTOS) return Promise.resolve();
      writing = writing.then(() => write(photos, pairs));
      return writing;
    },
    async find(photos) {
      if (photos.length === 0) return undefined;
      // A check that just ended in this process is kept before we look.
      await writing;
      const graphs = await readStored(opts.file);
      if (graphs.length === 0) return undefined;
      const now = await identities(photos);
      for (const g of graphs) {
        const seen = new Map(g.photos);
        const same = photos.every((k, i) => now[i] !== undefined && seen.get(k) === now[i]);
        if (!same) continue;
        const n = g.photos.length;
        const pairs = g.pairs
          .filter(([a, b]) => a < n && b < n)
          .map(([a, b, inliers]) => ({ a, b, inliers }));
        return { photos: g.photos.map(([k]) => k), pairs };
      }
      return undefined;
    },
  };
}
