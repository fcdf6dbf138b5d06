/**
 * `scanbridge reconstruct` after `scanbridge check`, two processes as people run them (the built
 * command, real COLMAP): the check keeps its match graph in the data folder, so the reconstruction
 * matches only the pairs the check found overlapping; once a photo changed, it plans from scratch.
 */
import { copyFile, mkdir, readFile, rm, utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTool } from '../core/testing/require-tool.js';
import { tempDir } from '../core/local/testing/fixtures.js';
import { generateSyntheticSet } from '../core/local/testing/synth.js';
import { runCli } from './testing/run-cli.js';

const has = hasTool('colmap', ['-h']);
const views = 16;

interface Summary {
  plan: { matcher: string; matcherReason: string };
  registeredImages: number;
  totalImages: number;
}

describe.skipIf(!has)('scanbridge reconstruct after scanbridge check', () => {
  let root: string;
  const run = (args: string[]) =>
    runCli(args, { cwd: root, dataDir: path.join(root, 'data'), timeoutMs: 400_000 });
  const reconstruct = async (out: string): Promise<{ summary: Summary; pairs: number }> => {
    const r = await run(['--json', 'reconstruct', 'set', '--out', out, '--mesh', 'none']);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    return {
      summary: JSON.parse(r.stdout) as Summary,
      pairs: await countPairs(path.join(root, out, 'database.db')),
    };
  };

  beforeAll(async () => {
    root = await tempDir('scanbridge-cli-prior-');
    // An arc of 16 views 12° apart, names without digits in a shuffled order: no capture order, so
    // without the check the plan is exhaustive (every pair) — the case a check helps most.
    const arc = await generateSyntheticSet({ dir: path.join(root, 'render'), views: 30, only: views });
    await mkdir(path.join(root, 'set'));
    for (const [i, v] of arc.views.entries()) {
      const name = `${String.fromCharCode(97 + ((i * 7) % views))}${String.fromCharCode(97 + i)}.png`;
      await copyFile(v.file, path.join(root, 'set', name));
    }
  }, 120_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('plans from the check of another process; a changed photo plans from scratch', async () => {
    const check = await run(['--json', 'check', 'set', '--threads', '2']);
    // 16 photos are fewer than a model usually needs: "risky" (exit 1), not "will fail".
    expect(check.code, check.stderr).toBeLessThanOrEqual(1);
    expect((JSON.parse(check.stdout) as { verdict: string }).verdict).not.toBe('will-fail');

    const after = await reconstruct('after');
    expect(after.summary.plan.matcher).toBe('checked');
    expect(after.summary.registeredImages).toBe(views);

    // One photo touched since the check: the graph is no longer about these files.
    const touched = path.join(root, 'set', 'aa.png');
    await utimes(touched, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const fresh = await reconstruct('fresh');
    expect(fresh.summary.plan.matcher).toBe('exhaustive');
    expect(fresh.pairs).toBe((views * (views - 1)) / 2);
    // The check verified ~4 neighbours a photo on this arc: far fewer pairs matched with its graph.
    expect(after.pairs).toBeLessThan(0.75 * fresh.pairs);
    expect(after.pairs).toBeGreaterThanOrEqual(views);
    console.info(`pairs matched: ${after.pairs} with the check's graph, ${fresh.pairs} without`);
  }, 1_200_000);
});

/** Pairs COLMAP matched (whether they verified or not): rows of its matches table. */
async function countPairs(database: string): Promise<number> {
  const { default: init } = await import('sql.js');
  const SQL = await init();
  const db = new SQL.Database(await readFile(database));
  try {
    return Number(db.exec('SELECT COUNT(*) FROM matches')[0]!.values[0]![0]);
  } finally {
    db.close();
  }
}
