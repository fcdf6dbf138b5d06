#!/usr/bin/env node
/**
 * Flakiness hunt: runs the unit suite N times (default 5), `--load K` copies at once (default 2: two
 * suites racing for the same cores, as on a loaded CI machine), and lists every test that failed at
 * least once, with how often. Exit 1 when any test failed in any run. Usage:
 *   npm run test:repeat                      # 5 rounds × 2 suites at once
 *   npm run test:repeat -- --runs 3 --load 1 main/core/jobs   # a folder, no extra load
 * Extra arguments are passed to vitest (paths, -t filters).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const take = (flag, dflt) => {
  const i = args.indexOf(flag);
  if (i < 0) return dflt;
  const v = Number(args[i + 1]);
  args.splice(i, 2);
  return Number.isFinite(v) && v > 0 ? v : dflt;
};
const runs = take('--runs', 5);
const load = take('--load', 2);
const out = mkdtempSync(path.join(os.tmpdir(), 'sb-repeat-'));

function suite(round, copy) {
  const file = path.join(out, `r${round}-c${copy}.json`);
  return new Promise((resolve) => {
    const child = spawn(
      'npx',
      ['vitest', 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${file}`, ...args],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    child.on('exit', (code) => resolve({ code, file }));
  });
}

const failures = new Map();
let total = 0;
let bad = 0;
for (let round = 1; round <= runs; round++) {
  const started = Date.now();
  const results = await Promise.all(Array.from({ length: load }, (_, c) => suite(round, c + 1)));
  for (const r of results) {
    total++;
    let report;
    try {
      report = JSON.parse(readFileSync(r.file, 'utf8'));
    } catch {
      bad++;
      failures.set(
        '(the suite did not report: crashed or timed out)',
        (failures.get('(no report)') ?? 0) + 1,
      );
      continue;
    }
    if (r.code !== 0) bad++;
    for (const f of report.testResults ?? [])
      for (const t of f.assertionResults ?? [])
        if (t.status === 'failed') {
          const key = `${path.relative(process.cwd(), f.name)} > ${t.fullName}`;
          failures.set(key, (failures.get(key) ?? 0) + 1);
        }
  }
  console.log(
    `round ${round}/${runs}: ${load} suite(s) at once, ${((Date.now() - started) / 1000).toFixed(0)} s, ` +
      `${results.filter((r) => r.code === 0).length}/${load} green`,
  );
}
rmSync(out, { recursive: true, force: true });
if (failures.size === 0) {
  console.log(`test:repeat: ${total} suite runs, all green`);
} else {
  console.log(`test:repeat: ${bad} of ${total} suite runs failed; tests that failed at least once:`);
  for (const [name, n] of [...failures].sort((a, b) => b[1] - a[1])) console.log(`  ${n}× ${name}`);
}
process.exit(failures.size === 0 && bad === 0 ? 0 : 1);
