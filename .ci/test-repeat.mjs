#!/usr/bin/env node
/**
 * Flakiness hunt: runs the chosen suites N times in a row (default 5) and lists every test that failed
 * at least once, with how often. Exit 1 when any test failed in any round. Each round runs the suites
 * one after another; `--load K` runs K copies of each at once (two suites racing for the same cores,
 * as on a loaded CI machine). Usage:
 *   npm run test:repeat                                   # unit suite, 5 rounds × 2 copies at once
 *   npm run test:repeat -- --suites unit,cli,e2e --load 1 # the WHOLE suite, 5 rounds (build first)
 *   npm run test:repeat -- --runs 3 --load 1 main/core/jobs   # a folder of the unit suite
 * Extra arguments are passed to every suite's runner (paths, -t / -g filters). Suites:
 *   unit  vitest.config.ts          cli  vitest.cli.config.ts (builds the CLI itself)
 *   e2e   Playwright (needs `npm run build` or `npm run build:web` first; one copy only: its stubs
 *         and the built renderer are shared, so --load does not apply to it)
 * The load average is printed per round: "under load" is a number, not a feeling.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const take = (flag, dflt) => {
  const i = args.indexOf(flag);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v ?? dflt;
};
const positive = (v, dflt) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : dflt);
const runs = positive(take('--runs', 5), 5);
const load = positive(take('--load', 2), 2);
const suites = String(take('--suites', 'unit'))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const SUITES = {
  unit: (file) => ({
    cmd: 'npx',
    argv: ['vitest', 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${file}`, ...args],
    env: {},
  }),
  cli: (file) => ({
    cmd: 'npx',
    argv: [
      'vitest',
      'run',
      '-c',
      'vitest.cli.config.ts',
      '--reporter=dot',
      '--reporter=json',
      `--outputFile.json=${file}`,
      ...args,
    ],
    env: {},
  }),
  e2e: (file) => ({
    cmd: 'npx',
    argv: ['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=dot,json', ...args],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: file },
  }),
};
for (const s of suites)
  if (!SUITES[s]) {
    console.error(`test:repeat: unknown suite "${s}" (use ${Object.keys(SUITES).join(', ')})`);
    process.exit(2);
  }
const out = mkdtempSync(path.join(os.tmpdir(), 'sb-repeat-'));

function run(suite, round, copy) {
  const file = path.join(out, `${suite}-r${round}-c${copy}.json`);
  const { cmd, argv, env } = SUITES[suite](file);
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, ...env },
    });
    child.on('exit', (code) => resolve({ suite, code, file }));
  });
}

/** Passed/failed test counts from a vitest or Playwright JSON report. */
function counts(suite, report) {
  if (suite === 'e2e') {
    const st = report.stats ?? {};
    return { passed: (st.expected ?? 0) + (st.flaky ?? 0), failed: st.unexpected ?? 0 };
  }
  return { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0 };
}

/** Failed test names from a vitest or Playwright JSON report. */
function failedTests(suite, report) {
  const names = [];
  if (suite === 'e2e') {
    const walk = (s, titles) => {
      for (const spec of s.specs ?? [])
        for (const t of spec.tests ?? [])
          if (t.status === 'unexpected' || t.status === 'flaky')
            names.push(`${spec.file} > ${[...titles, spec.title].join(' > ')}`);
      for (const child of s.suites ?? []) walk(child, [...titles, child.title]);
    };
    for (const s of report.suites ?? []) walk(s, []);
    for (const e of report.errors ?? []) names.push(`(e2e error) ${String(e.message ?? e).slice(0, 160)}`);
    return names;
  }
  for (const f of report.testResults ?? [])
    for (const t of f.assertionResults ?? [])
      if (t.status === 'failed') names.push(`${path.relative(process.cwd(), f.name)} > ${t.fullName}`);
  for (const f of report.testResults ?? [])
    if (f.status === 'failed' && (f.assertionResults ?? []).length === 0)
      names.push(`${path.relative(process.cwd(), f.name)} (the file failed to load: ${f.message ?? ''})`);
  return names;
}

const failures = new Map();
const note = (key) => failures.set(key, (failures.get(key) ?? 0) + 1);
let total = 0;
let bad = 0;
const loads = [];
for (let round = 1; round <= runs; round++) {
  const started = Date.now();
  const lines = [];
  for (const suite of suites) {
    const copies = suite === 'e2e' ? 1 : load;
    const t0 = Date.now();
    const results = await Promise.all(Array.from({ length: copies }, (_, c) => run(suite, round, c + 1)));
    loads.push(os.loadavg()[0]);
    for (const r of results) {
      total++;
      let report;
      try {
        report = JSON.parse(readFileSync(r.file, 'utf8'));
      } catch {
        bad++;
        note(`(${suite}: the suite did not report: crashed or timed out)`);
        continue;
      }
      const names = failedTests(suite, report);
      const c = counts(suite, report);
      r.tally = `${c.passed} passed, ${c.failed} failed`;
      if (r.code !== 0 || names.length > 0) bad++;
      if (r.code !== 0 && names.length === 0) note(`(${suite}: exit ${r.code} without a failed test)`);
      for (const n of names) note(`[${suite}] ${n}`);
    }
    const tallies = results.map((r) => r.tally ?? 'no report').join(' | ');
    lines.push(
      `${suite} ${results.filter((r) => r.code === 0).length}/${copies} green in ${((Date.now() - t0) / 1000).toFixed(0)} s ` +
        `(${tallies})`,
    );
  }
  console.log(
    `round ${round}/${runs}: ${lines.join(', ')}; ${((Date.now() - started) / 1000).toFixed(0)} s, ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
}
rmSync(out, { recursive: true, force: true });
const avg = loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length);
console.log(
  `test:repeat: suites ${suites.join(',')}, ${runs} round(s), 1-min load average ${Math.min(...loads).toFixed(1)}–` +
    `${Math.max(...loads).toFixed(1)} (mean ${avg.toFixed(1)}) on ${os.cpus().length} cores`,
);
if (failures.size === 0 && bad === 0) {
  console.log(`test:repeat: ${total} suite runs, all green`);
} else {
  console.log(`test:repeat: ${bad} of ${total} suite runs failed; tests that failed at least once:`);
  for (const [name, n] of [...failures].sort((a, b) => b[1] - a[1])) console.log(`  ${n}× ${name}`);
}
process.exit(failures.size === 0 && bad === 0 ? 0 : 1);
