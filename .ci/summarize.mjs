// Totals every suite from the reporters' JSON (Vitest, Playwright) plus the plain checks
// (typecheck, lint, format, build) and prints exactly one closing line: "N passed, N failed".
// Exits 1 when anything failed, when a suite produced no report, or when no test ran.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir = '.reports', checksPassedArg = '0', checksFailedArg = '0', ...failedChecks] =
  process.argv.slice(2);
let passed = Number(checksPassedArg);
let failed = Number(checksFailedArg);
let tests = 0;
const problems = failedChecks.map((n) => `check failed: ${n}`);

function read(name) {
  const file = join(dir, name);
  if (!existsSync(file)) {
    problems.push(`no report: ${name}`);
    failed += 1;
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push(`unreadable report ${name}: ${e.message}`);
    failed += 1;
    return undefined;
  }
}

// The unit suite and the CLI suite (the built command as a child process) are both Vitest reports.
for (const vitest of [read('vitest.json'), read('cli.json')]) {
  if (!vitest) continue;
  const p = vitest.numPassedTests ?? 0;
  const f = (vitest.numFailedTests ?? 0) + (vitest.numRuntimeErrorTestSuites ?? 0);
  const failedSuites = (vitest.testResults ?? []).filter(
    (s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0,
  );
  passed += p;
  failed += f + failedSuites.length;
  tests += p + f;
  for (const s of failedSuites)
    problems.push(`suite failed to run: ${s.name}: ${(s.message ?? '').slice(0, 300)}`);
  const pending = vitest.numPendingTests ?? 0;
  if (pending > 0) {
    problems.push(`${pending} vitest test(s) skipped: under CI every test runs`);
    failed += pending;
  }
}

const pw = read('playwright.json');
if (pw) {
  const st = pw.stats ?? {};
  const p = (st.expected ?? 0) + (st.flaky ?? 0);
  const f = (st.unexpected ?? 0) + (pw.errors?.length ?? 0);
  passed += p;
  failed += f;
  tests += p + f;
  if ((st.skipped ?? 0) > 0) {
    problems.push(`${st.skipped} playwright test(s) skipped`);
    failed += st.skipped;
  }
  for (const e of pw.errors ?? []) problems.push(`playwright: ${(e.message ?? '').slice(0, 300)}`);
  // The screenshots the e2e tests attach (the tour's stops in en-light-*, de-light-*, de-dark-*, en-XA-*):
  // said here so a CI log tells where the pictures of its run are.
  const shots = new Map();
  const walk = (suite) => {
    for (const s of suite.suites ?? []) walk(s);
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        for (const r of t.results ?? [])
          for (const a of r.attachments ?? []) {
            if (a.contentType !== 'image/png' || !a.path) continue;
            const kind = /^(en-light|en-dark|de-light|de-dark|en-XA)-/.exec(a.name)?.[1] ?? 'other';
            shots.set(kind, (shots.get(kind) ?? 0) + 1);
          }
  };
  walk(pw);
  const total = [...shots.values()].reduce((a, b) => a + b, 0);
  if (total > 0)
    console.log(
      `ci: e2e screenshots: ${total} PNGs attached (${[...shots].map(([k, n]) => `${k} ${n}`).join(', ')}) in test-results/e2e/*/attachments/`,
    );
}

if (tests === 0) {
  problems.push('no test ran');
  failed += 1;
}
for (const p of problems) console.log(`ci: ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
