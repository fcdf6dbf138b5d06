/**
 * `npm run bench`: every benchmark, one JSON document on stdout (progress on stderr).
 *   npm run bench                      all of them (the COLMAP defaults run takes about a minute at 640×480)
 *   npm run bench -- upload watch      only those
 *   npm run bench -- upload flaky      the CLI upload on loopback, then over the far, flaky link
 *   BENCH_QUICK=1 npm run bench        smaller sets, no COLMAP defaults run
 * Numbers, not verdicts: each section carries its targets beside what was measured.
 */
import os from 'node:os';
import { runColmapBench, sizeFromEnv } from './colmap.js';
import { runNodeOdmBench } from './nodeodm.js';
import { runUploadBench } from './upload.js';
import { runUiBench } from './ui.js';
import { runWatchBench } from './watch.js';
import { runSoakBench } from './soak.js';
import { runCheckBench } from './check.js';
import { runLocalBench } from './local.js';
import { runFlakyBench } from './flaky.js';

const quick = process.env.BENCH_QUICK === '1';
const all: Record<string, () => Promise<unknown>> = {
  upload: () => runUploadBench({ quick }),
  nodeodm: () => runNodeOdmBench({ quick }),
  watch: () => runWatchBench(),
  ui: () => runUiBench(),
  colmap: () => runColmapBench({ quick, ...sizeFromEnv() }),
  soak: () => runSoakBench(),
  check: () => runCheckBench({ quick }),
  local: () => runLocalBench({ quick }),
  flaky: () => runFlakyBench(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const w of wanted) {
  if (!(w in all)) {
    process.stderr.write(`unknown benchmark "${w}"; choose from: ${Object.keys(all).join(', ')}\n`);
    process.exit(2);
  }
}
const names = wanted.length > 0 ? wanted : Object.keys(all);
const out: Record<string, unknown> = {
  machine: {
    node: process.version,
    cpus: os.cpus().length,
    memGB: Math.round(os.totalmem() / 2 ** 30),
    platform: process.platform,
  },
  quick,
  startedAt: new Date().toISOString(),
};
let failed = false;
for (const name of names) {
  process.stderr.write(`[bench] ${name}…\n`);
  const t0 = performance.now();
  try {
    out[name] = await all[name]!();
  } catch (e) {
    failed = true;
    out[name] = { error: e instanceof Error ? e.message : String(e) };
  }
  process.stderr.write(`[bench] ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
process.exit(failed ? 1 : 0);
