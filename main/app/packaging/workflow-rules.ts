/**
 * The release pipeline's rules, as pure functions over parsed GitHub Actions workflows, so a unit
 * test can hold .github/workflows/*.yml to them and also show that each rule catches a violation.
 * actionlint (.ci/lint-workflows.mjs) checks that the workflows are valid; these check that they do
 * what the project needs.
 */

export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, unknown>;
  with?: Record<string, unknown>;
  if?: string;
}

export interface Job {
  name?: string;
  uses?: string;
  needs?: string | string[];
  'runs-on'?: unknown;
  strategy?: { matrix?: Record<string, unknown> };
  env?: Record<string, unknown>;
  permissions?: unknown;
  steps?: Step[];
}

export interface Workflow {
  on?: unknown;
  env?: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const BUILDS = /\bnpm run build\b|\belectron-builder\b/;
const TESTS = /\bplaywright test\b|\.ci\/run\b|check-packaged\.ts\b|\bvitest\b/;
const SHA_PINNED = /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/;

const runs = (job: Job): string[] => (job.steps ?? []).map((s) => s.run ?? '');

export function jobBuilds(job: Job): boolean {
  return runs(job).some((r) => BUILDS.test(r));
}

export function jobTests(job: Job): boolean {
  return runs(job).some((r) => TESTS.test(r));
}

/** Jobs that build the app or its installers without running a test suite in the same job. */
export function buildsWithoutTests(wf: Workflow): string[] {
  return Object.entries(wf.jobs)
    .filter(([, j]) => jobBuilds(j) && !jobTests(j))
    .map(([id]) => id);
}

/** The OS values of the matrix of the job that runs the real-Electron Playwright suite. */
export function electronE2eOses(wf: Workflow): string[] {
  const job = Object.values(wf.jobs).find((j) =>
    runs(j).some((r) => r.includes('playwright.electron.config.ts')),
  );
  const os = job?.strategy?.matrix?.os;
  return Array.isArray(os) ? os.map(String) : [];
}

/** Every `uses:` (step or reusable-workflow job) that is neither local nor pinned to a commit SHA. */
export function unpinnedActions(wf: Workflow): string[] {
  const refs = Object.values(wf.jobs).flatMap((j) => [
    ...(j.uses ? [j.uses] : []),
    ...(j.steps ?? []).flatMap((s) => (s.uses ? [s.uses] : [])),
  ]);
  return refs.filter((u) => !u.startsWith('./') && !u.startsWith('docker://') && !SHA_PINNED.test(u));
}

/** Lines `uses: owner/repo@<sha>` in the raw file that lack the `# vX.Y.Z` comment saying which version. */
export function pinsWithoutVersionComment(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => /uses:\s*[\w.-]+\/[\w.-]+\S*@[0-9a-f]{40}/.test(l) && !/#\s*v\d+/.test(l))
    .map((l) => l.trim());
}

const secretRef = (v: unknown): boolean => typeof v === 'string' && /\$\{\{[^}]*\bsecrets\./.test(v);

/**
 * Places a secret could reach the log: `${{ secrets.* }}` written into a script (it is then part of
 * the script text), a secret-backed variable echoed/printed anywhere but into a file, into step
 * outputs or the job summary, `set -x` in a step that sees secrets, or `env`/`printenv` dumps.
 */
export function secretLeaks(wf: Workflow): string[] {
  const out: string[] = [];
  const fromEnv = (env?: Record<string, unknown>) =>
    Object.entries(env ?? {})
      .filter(([, v]) => secretRef(v))
      .map(([k]) => k);
  const global = fromEnv(wf.env);
  for (const [id, job] of Object.entries(wf.jobs)) {
    const jobLevel = [...global, ...fromEnv(job.env)];
    for (const [i, step] of (job.steps ?? []).entries()) {
      const where = `${id} step ${i + 1}${step.name ? ` (${step.name})` : ''}`;
      const run = step.run ?? '';
      if (secretRef(run)) out.push(`${where}: \${{ secrets.* }} inside run`);
      const names = [...jobLevel, ...fromEnv(step.env)];
      if (names.length === 0) continue;
      for (const line of run.split('\n')) {
        const t = line.trim();
        if (/^set\s+-[a-z]*x/.test(t)) out.push(`${where}: set -x with secrets in the environment`);
        if (/^(env|printenv)\b/.test(t)) out.push(`${where}: dumps the environment`);
        if (!/\b(echo|printf|cat)\b/.test(t)) continue;
        const named = names.filter((n) => new RegExp(`\\$\\{?${n}\\b`).test(t));
        if (named.length === 0) continue;
        const target = /(>>?)\s*("?[^\s"]+"?)/.exec(t)?.[2] ?? '';
        if (!target || /GITHUB_(OUTPUT|STEP_SUMMARY)/.test(target))
          out.push(`${where}: prints ${named.join(', ')}`);
      }
    }
  }
  return out;
}

/** Every job `id` transitively needs. */
export function ancestors(wf: Workflow, id: string, seen = new Set<string>()): Set<string> {
  const needs = wf.jobs[id]?.needs;
  for (const n of typeof needs === 'string' ? [needs] : (needs ?? [])) {
    if (seen.has(n)) continue;
    seen.add(n);
    ancestors(wf, n, seen);
  }
  return seen;
}

/** Jobs that build or publish but do not (transitively) wait for a job that runs the CI workflow. */
export function jobsNotGatedByCi(wf: Workflow, ciWorkflow = './.github/workflows/ci.yml'): string[] {
  const ciJobs = Object.entries(wf.jobs)
    .filter(([, j]) => j.uses === ciWorkflow)
    .map(([id]) => id);
  const publishes = (j: Job) =>
    JSON.stringify(j.permissions ?? '').includes('write') || runs(j).some((r) => /\bgh release\b/.test(r));
  return Object.entries(wf.jobs)
    .filter(([, j]) => jobBuilds(j) || publishes(j))
    .filter(([id]) => !ciJobs.some((c) => ancestors(wf, id).has(c)))
    .map(([id]) => id);
}
