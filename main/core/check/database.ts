/**
 * Reads the verified pairs out of COLMAP's database (SQLite) with sql.js: WebAssembly, so nothing
 * native to build for Electron, and the whole file is read into memory, which for a check's
 * database (small copies, capped features) stays in the tens of MB.
 */
import { readFile } from 'node:fs/promises';
import type { Pair } from './match-graph.js';

type SqlJs = Awaited<ReturnType<(typeof import('sql.js'))['default']>>;
let sqlLoad: Promise<SqlJs> | undefined;
function loadSql(): Promise<SqlJs> {
  sqlLoad ??= import('sql.js').then((m) => m.default());
  return sqlLoad;
}

/** COLMAP's pair id: image_id1 * 2147483647 + image_id2 with image_id1 < image_id2. */
export function pairIds(pairId: number): [number, number] {
  const b = pairId % 2147483647;
  return [(pairId - b) / 2147483647, b];
}

/**
 * Verified pairs with their inlier counts, as indices into `names` (COLMAP image names). Images
 * COLMAP did not take (unreadable) have no index and are left out.
 */
export async function readPairs(database: string, names: string[]): Promise<Pair[]> {
  const SQL = await loadSql();
  const db = new SQL.Database(await readFile(database));
  try {
    const indexOfName = new Map(names.map((n, i) => [n, i]));
    const indexOfId = new Map<number, number>();
    for (const row of db.exec('SELECT image_id, name FROM images')[0]?.values ?? []) {
      const i = indexOfName.get(String(row[1]));
      if (i !== undefined) indexOfId.set(Number(row[0]), i);
    }
    const out: Pair[] = [];
    for (const row of db.exec('SELECT pair_id, rows FROM two_view_geometries')[0]?.values ?? []) {
      const [ia, ib] = pairIds(Number(row[0]));
      const a = indexOfId.get(ia);
      const b = indexOfId.get(ib);
      if (a === undefined || b === undefined) continue;
      out.push({ a, b, inliers: Number(row[1]) });
    }
    return out;
  } finally {
    db.close();
  }
}
