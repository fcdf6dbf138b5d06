import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  buildsWithoutTests,
  electronE2eOses,
  jobsNotGatedByCi,
  pinsWithoutVersionComment,
  secretLeaks,
  unpinnedActions,
  type Workflow,
} from './workflow-rules.js';

/** .github/workflows/*.yml held to the release pipeline's rules (issue 17), and each rule shown to bite. */
const dir = path.resolve(import.meta.dirname, '../../../.github/workflows');
const text = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
const load = (f: string) => parse(text(f)) as Workflow;
const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const ci = load('ci.yml');
const release = load('release.yml');
const clone = (w: Workflow): Workflow => structuredClone(w);

describe('the CI workflow', () => {
  it('runs on push and pull request, and can be called by the release', () => {
    expect(Object.keys(ci.on as object).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
  });

  it('runs .ci/run, and the real-Electron e2e on Linux, Windows and macOS', () => {
    expect(JSON.stringify(ci.jobs)).toContain('bash .ci/run');
    expect(electronE2eOses(ci).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    const e2e = Object.values(ci.jobs).find((j) => electronE2eOses({ jobs: { j } }).length > 0)!;
    const all = JSON.stringify(e2e.steps);
    expect(all).toContain('SCANBRIDGE_ELECTRON_E2E":"1');
    expect(all).toContain('xvfb-run');
    expect(all).toContain('node node_modules/electron/install.js');
    // The rule reads the matrix: drop macOS and it says so.
    const broken = clone(ci);
    for (const j of Object.values(broken.jobs))
      if (j.strategy?.matrix) j.strategy.matrix.os = ['ubuntu-latest', 'windows-latest'];
    expect(electronE2eOses(broken)).not.toContain('macos-latest');
  });
});

describe('the release workflow', () => {
  it('runs on v* tags and calls the CI workflow', () => {
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    expect(Object.values(release.jobs).some((j) => j.uses === './.github/workflows/ci.yml')).toBe(true);
  });

  it('builds and publishes only after green CI', () => {
    expect(jobsNotGatedByCi(release)).toEqual([]);
    const broken = clone(release);
    broken.jobs.build!.needs = ['pins'];
    expect(jobsNotGatedByCi(broken)).toEqual(expect.arrayContaining(['build', 'publish']));
  });

  it('builds every installer on its own OS, fetching and verifying COLMAP first', () => {
    const build = release.jobs.build!;
    const include = build.strategy!.matrix!.include as { os: string; platform: string }[];
    expect(include.map((m) => `${m.platform}@${m.os}`).sort()).toEqual([
      'linux@ubuntu-latest',
      'mac@macos-latest',
      'win@windows-latest',
    ]);
    const runs = build.steps!.map((s) => s.run ?? '');
    const fetchAt = runs.findIndex((r) => r.includes('fetch-colmap.ts "${{ matrix.platform }}"'));
    const packAt = runs.findIndex((r) => r.includes('electron-builder'));
    expect(fetchAt).toBeGreaterThan(-1);
    expect(fetchAt).toBeLessThan(packAt);
    expect(JSON.stringify(release.jobs.pins)).toContain('fetch-colmap.ts --check');
  });

  it('publishes the installers with the latest*.yml files and SHA-256 sums', () => {
    const build = JSON.stringify(release.jobs.build);
    for (const p of [
      'dist/latest*.yml',
      'dist/ScanBridge-*.blockmap',
      'dist/ScanBridge-*.exe',
      'dist/ScanBridge-*.dmg',
      'dist/ScanBridge-*.AppImage',
      'dist/ScanBridge-*.deb',
    ])
      expect(build).toContain(p);
    const publish = JSON.stringify(release.jobs.publish);
    expect(publish).toContain('sha256sum');
    expect(publish).toContain('SHA256SUMS.txt');
    expect(publish).toContain('gh release create');
  });

  it('says in the log when a build is not signed or not notarised', () => {
    const steps = JSON.stringify(release.jobs.build!.steps);
    expect(steps).toContain('UNSIGNED Windows build');
    expect(steps).toContain('UNSIGNED macOS build');
    expect(steps).toContain('NOT NOTARISED macOS build');
  });
});

describe('every workflow', () => {
  it('is there: ci, release, COLMAP checksums', () => {
    expect(files.sort()).toEqual(['ci.yml', 'colmap-checksums.yml', 'release.yml']);
  });

  it('builds only in jobs that also test', () => {
    for (const f of files) expect(buildsWithoutTests(load(f)), f).toEqual([]);
    const broken = clone(release);
    broken.jobs.build!.steps = broken.jobs.build!.steps!.filter((s) => !s.run?.includes('check-packaged'));
    expect(buildsWithoutTests(broken)).toEqual(['build']);
  });

  it('pins every third-party action to a commit SHA, with the version in a comment', () => {
    for (const f of files) {
      expect(unpinnedActions(load(f)), f).toEqual([]);
      expect(pinsWithoutVersionComment(text(f)), f).toEqual([]);
    }
    const broken = clone(ci);
    broken.jobs.checks!.steps!.push({ uses: 'actions/checkout@v5' }, { uses: 'someone/action@main' });
    expect(unpinnedActions(broken)).toEqual(['actions/checkout@v5', 'someone/action@main']);
    expect(pinsWithoutVersionComment(`      - uses: a/b@${'0'.repeat(40)}\n`)).toHaveLength(1);
  });

  it('never echoes a secret', () => {
    for (const f of files) expect(secretLeaks(load(f)), f).toEqual([]);
    const leaky: Workflow = {
      jobs: {
        a: {
          steps: [
            { run: 'echo "${{ secrets.TOKEN }}"' },
            { env: { T: '${{ secrets.TOKEN }}' }, run: 'echo "token is $T"' },
            { env: { T: "${{ matrix.os == 'x' && secrets.TOKEN || '' }}" }, run: 'echo "${T}"' },
            { env: { T: '${{ secrets.TOKEN }}' }, run: 'echo "t=${T}" >> "$GITHUB_OUTPUT"' },
            { env: { T: '${{ secrets.TOKEN }}' }, run: 'set -x\ncurl -H "$T" x' },
            { env: { T: '${{ secrets.TOKEN }}' }, run: 'printf \'%s\' "$T" > "$RUNNER_TEMP/key"' },
          ],
        },
      },
    };
    expect(secretLeaks(leaky)).toHaveLength(5);
  });
});
