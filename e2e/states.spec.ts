/**
 * Every state a job and the app can be in (issue 14), each looked at in English, German and en-XA
 * (e2e/states-world.ts's `look`: German without English, en-XA all from the catalogue and unbroken at
 * 760 px, axe clean, a screenshot attached per state and language), and in each state the figures on
 * screen agree with each other and with the job (parts, bytes, percent: issue 14's point 2).
 * The cloud stub's clock is moved by the test, so queued, processing and done happen when the test
 * says; uploads are held by a bandwidth cap and pause, never by sleeping.
 */
import path from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import type { Job } from '../main/contract/index.js';
import { generateSyntheticSet } from '../main/core/local/testing/synth.js';
import { makePhotoSet } from '../main/core/photos/testing/make-set.js';
import { startNodeOdmStub } from '../server-stub/nodeodm/index.js';
import { formatDuration } from '../renderer/format.js';
import {
  HOUR,
  LANGS,
  MINUTE,
  expect,
  look,
  openApp,
  test,
  trFor,
  type Lang,
  type StatesWorld,
} from './states-world.js';
import { figureProblems, parseBytes, readFigures } from './figures.js';
import type { Tr } from './tour.js';

const DAY = 24 * HOUR;

async function jobOf(world: StatesWorld, id: string): Promise<Job> {
  const job = (await world.web.service.listJobs()).find((j) => j.id === id);
  if (!job) throw new Error(`no job ${id}`);
  return job;
}

async function stateOf(world: StatesWorld, id: string): Promise<Job['state']> {
  return (await jobOf(world, id)).state;
}

/** Point 2 in a queue row: its figures agree with each other and with the job (e2e/figures.ts). */
async function expectFiguresAgree(row: Locator, job: Job, partSize: number, inFlight: number, where: string) {
  const f = await readFigures(row);
  expect
    .soft(figureProblems(f, job.progress, partSize, inFlight), `${where}: ${JSON.stringify(f)}`)
    .toEqual([]);
}

/** A job's row in the queue / on Projects, by its exact project name. */
const queueRow = (page: Page, job: Job) =>
  page.locator(`[data-testid="job"][aria-label="${job.projectName}"]`);
const projectRow = (page: Page, job: Job) =>
  page
    .getByTestId('project-row')
    .filter({ has: page.getByRole('rowheader', { name: job.projectName, exact: true }) });

function nav(page: Page, tr: Tr, key: string) {
  return page.getByRole('navigation').getByRole('button', { name: tr(key), exact: true });
}

const PART = 1_048_576;
/** The slow line's cap, bytes per second. */
const CAP = 250_000;
const NODE_NAME = 'Lab node';

for (const lang of LANGS) {
  test(`a cloud job's states (${lang}): queued/processing, done with its link, uploading, paused, resumed, cancelled, expired`, async ({
    page,
    world,
  }, info) => {
    const tr = trFor(lang);
    world.stub.setQueue(3, 720);

    // A small set, uploaded and then held in the cloud: queued, then processing.
    const vaseDir = path.join(world.dir, 'Vase');
    await makePhotoSet(vaseDir, { count: 4, bytesEach: 40_000, seed: 21 });
    await openApp(page, world, lang);
    const { id: vaseId } = await world.web.service.createJob({ paths: [vaseDir], backend: 'cloud' });
    await expect.poll(() => stateOf(world, vaseId), { timeout: 30_000 }).toBe('processing');
    // The project's name is chosen once the job starts.
    const vase = await jobOf(world, vaseId);
    world.advance(2 * MINUTE);
    await nav(page, tr, 'nav.queue').click();
    const vaseRow = queueRow(page, vase);
    await expect(vaseRow.getByTestId('job-state')).toHaveText(tr('state.processing'));
    // The cloud's queue is the cloud's (everyone's sets), our own jobs are counted apart.
    await expect(page.getByTestId('cloud-queue')).toHaveText(
      tr('header.cloudQueue_other', { count: 3, time: formatDuration(720, lang) }),
    );
    await expect(page.getByTestId('own-jobs')).toHaveText(tr('header.ownJobs_one', { count: 1 }));
    // Nothing to send any more: no parts or bytes; the cloud measures nothing while it processes, so
    // no "0 %" either, a bar that says "working", and what it is doing in words.
    await expect(vaseRow.getByTestId('job-bytes')).toHaveText('\u00a0');
    await expect(vaseRow.getByTestId('job-percent')).toHaveText('\u00a0');
    await expect(vaseRow.getByRole('progressbar')).not.toHaveAttribute('value');
    await expect(vaseRow.getByTestId('job-step')).toHaveText(tr('step.serverProcessing'));
    await look(page, info, lang, 'cloud-processing', [vase.projectName]);

    // Done: the cloud's link, opened or copied, and how long it still works (a week from now).
    world.advance(HOUR);
    await expect.poll(() => stateOf(world, vase.id), { timeout: 30_000 }).toBe('done');
    await nav(page, tr, 'nav.projects').click();
    const vaseProject = projectRow(page, vase);
    await expect(vaseProject.getByTestId('project-status')).toHaveText(tr('state.done'));
    const expiry = page.getByTestId('link-expiry');
    await expect(expiry).toHaveText(tr.pattern('result.linkLeft'));
    // A week, counted from when the cloud reported the link (a minute's rounding may make it 6 days).
    await expect(expiry).toContainText(
      new RegExp(`${formatDuration(7 * 86_400, lang)}|${formatDuration(6 * 86_400, lang)}`),
    );
    await expect(page.getByRole('link', { name: tr('projects.openLink') })).toHaveAttribute(
      'href',
      /\/dl\?id=/,
    );
    await look(page, info, lang, 'cloud-done', [vase.projectName]);

    // A bigger set on a slow line: uploading with speed, time left and "model in" with its parts.
    world.web.runtime.settings.update({ bandwidthCapMBps: CAP / 1e6, partSize: PART, concurrency: 1 });
    const owlDir = path.join(world.dir, 'Owl');
    await makePhotoSet(owlDir, { count: 16, bytesEach: 300_000, seed: 22 });
    const { id: owlId } = await world.web.service.createJob({ paths: [owlDir], backend: 'cloud' });
    await expect.poll(() => stateOf(world, owlId), { timeout: 30_000 }).toBe('uploading');
    const owl = await jobOf(world, owlId);
    await nav(page, tr, 'nav.queue').click();
    const owlRow = queueRow(page, owl);
    await expect(owlRow.getByTestId('job-state')).toHaveText(tr('state.uploading'), { timeout: 20_000 });
    await expect(owlRow).toContainText(tr.pattern('queue.eta'));
    await expect(owlRow.getByTestId('job-rate')).toHaveText(tr.pattern('queue.rate'));
    // The speed is the line's: under the 0.25 MB/s cap (within its burst), not the start's burst.
    expect(parseBytes(await owlRow.getByTestId('job-rate').innerText())).toBeLessThanOrEqual(CAP * 1.15);
    // "Model in" = upload left + the cloud's queue + processing (known from the vase's run), each on hover.
    const model = owlRow.getByTestId('job-model');
    await expect(model).toHaveText(tr.pattern('queue.toModel'));
    const hover = (await model.getAttribute('title')) ?? '';
    expect(hover).toMatch(tr.pattern('estimate.upload'));
    expect(hover).toMatch(tr.pattern('estimate.queue'));
    expect(hover).toMatch(tr.pattern('estimate.processing'));
    await expectFiguresAgree(owlRow, await jobOf(world, owl.id), PART, 1, 'uploading');
    await look(page, info, lang, 'uploading', [owl.projectName]);

    // Paused once a part is in: the figures stand still and still agree (not "0 % 0 B / 4.8 MB").
    await expect
      .poll(async () => (await jobOf(world, owl.id)).progress.partsDone, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
    await owlRow.getByRole('button', { name: tr('queue.pause') }).click();
    await expect(owlRow.getByTestId('job-state')).toHaveText(tr('state.paused'));
    const paused = await jobOf(world, owl.id);
    expect(paused.progress.bytesDone).toBeGreaterThan(0);
    await expectFiguresAgree(owlRow, paused, PART, 0, 'paused');
    await look(page, info, lang, 'paused', [owl.projectName]);

    // Resumed: on from where it stood, never below it.
    await owlRow.getByRole('button', { name: tr('queue.resume') }).click();
    await expect(owlRow.getByTestId('job-state')).toHaveText(tr('state.uploading'));
    await expect(owlRow).toContainText(tr.pattern('queue.rate'));
    const resumed = await jobOf(world, owl.id);
    expect(resumed.progress.bytesDone).toBeGreaterThanOrEqual(paused.progress.bytesDone);
    await expectFiguresAgree(owlRow, resumed, PART, 1, 'resumed');
    await look(page, info, lang, 'resumed', [owl.projectName]);

    // Cancelled: gone from the queue, listed in Projects as cancelled.
    await owlRow.getByRole('button', { name: tr('queue.cancel') }).click();
    await expect(owlRow).toBeHidden();
    await nav(page, tr, 'nav.projects').click();
    const owlProject = projectRow(page, owl);
    await expect(owlProject.getByTestId('project-status')).toHaveText(tr('state.cancelled'));
    await look(page, info, lang, 'cancelled', [owl.projectName, vase.projectName]);

    // A week later the link has expired: the panel says so and offers to ask the cloud for a new one.
    await page.clock.install({ time: Date.now() + 8 * DAY });
    await page.reload();
    await nav(page, tr, 'nav.projects').click();
    await expect(expiry).toHaveText(tr.pattern('result.linkExpired'));
    await expect(page.getByRole('button', { name: tr('result.renew') })).toBeVisible();
    await look(page, info, lang, 'link-expired', [owl.projectName, vase.projectName]);
    // The cloud has forgotten the project by then: asking says so, and that the model is still here.
    world.stub.state.projects.delete(vase.projectName);
    await page.getByRole('button', { name: tr('result.renew') }).click();
    await expect(page.getByText(tr('states.linkGoneKept'))).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await look(page, info, lang, 'link-gone', [owl.projectName, vase.projectName]);
  });
}

/** One page per language, side by side on the same app (German from the browser's language, as the app's "system" setting reads it). */
interface Viewer {
  lang: Lang;
  page: Page;
  tr: Tr;
}

async function openViewers(browser: Browser, world: StatesWorld): Promise<Viewer[]> {
  const viewers: Viewer[] = [];
  for (const lang of LANGS) {
    const context = await browser.newContext({
      locale: lang === 'de' ? 'de-DE' : 'en-US',
      viewport: lang === 'en-XA' ? { width: 760, height: 800 } : { width: 1200, height: 860 },
    });
    const page = await context.newPage();
    await page.goto(world.web.pageUrl + (lang === 'en-XA' ? '&lang=en-XA' : ''));
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    viewers.push({ lang, page, tr: trFor(lang) });
  }
  return viewers;
}

test('local reconstruction running and done, a NodeODM job, a failed cloud job, the token dialog offline: en, de, en-XA', async ({
  browser,
  world,
}, info) => {
  test.setTimeout(240_000);
  // Held running until the test ends it (finishRunning).
  const node = await startNodeOdmStub({ processingMs: HOUR });
  const viewers = await openViewers(browser, world);
  try {
    world.web.runtime.settings.update({
      profiles: [{ name: NODE_NAME, kind: 'nodeodm', endpoint: node.url }],
    });
    const ringDir = path.join(world.dir, 'Ring');
    await generateSyntheticSet({ dir: ringDir, views: 24 });
    for (const v of viewers) await nav(v.page, v.tr, 'nav.queue').click();

    // Local reconstruction running: its COLMAP stage and an estimate from the stages, never bytes to send.
    const { id: ringId } = await world.web.service.createJob({ paths: [ringDir], backend: 'local' });
    await expect
      .poll(async () => (await jobOf(world, ringId)).progress.step, { timeout: 60_000 })
      .toMatch(/^local_(extract|match)$/);
    const ring = await jobOf(world, ringId);
    // All three at once: the run does not wait for us (a quiet machine gives it ~10 s).
    await Promise.all(
      viewers.map(async ({ lang, page, tr }) => {
        const row = queueRow(page, ring);
        await expect(row.getByTestId('job-state')).toHaveText(tr('state.processing'));
        // Its COLMAP stage, in words.
        const stages = ['local_extract', 'local_match', 'local_map'].map(
          (k) => tr.pattern(`step.${k}`).source,
        );
        await expect(row.getByTestId('job-step')).toHaveText(new RegExp(`^(${stages.join('|')})$`));
        await expect(row.getByTestId('job-bytes')).toHaveText('\u00a0');
        await expect(row.getByTestId('job-parts')).toHaveText('\u00a0');
        // The cloud's queue is empty: said so, not "0 sets, ~0 s".
        await expect(page.getByTestId('cloud-queue')).toHaveText(tr('header.cloudQueue_zero'));
        // "Model in ~0 s" would be a lie: a time from the stages so far, or nothing yet.
        const model = (await row.getByTestId('job-model').innerText()).trim();
        if (model) expect(model).toMatch(tr.pattern('queue.toModel'));
        expect(model).not.toMatch(/~\s*0\s/);
        await look(page, info, lang, 'local-running', [ring.projectName]);
      }),
    );

    // A NodeODM job, held running by the node until the test ends it.
    const budDir = path.join(world.dir, 'Bud');
    await makePhotoSet(budDir, { count: 6, bytesEach: 40_000, seed: 23 });
    const { id: budId } = await world.web.service.createJob({
      paths: [budDir],
      backend: 'nodeodm',
      profile: NODE_NAME,
    });
    await expect.poll(() => stateOf(world, budId), { timeout: 30_000 }).toBe('processing');
    const bud = await jobOf(world, budId);
    await expect.poll(() => stateOf(world, ringId), { timeout: 120_000 }).toBe('done');
    for (const { lang, page, tr } of viewers) {
      await expect(queueRow(page, bud).getByTestId('job-state')).toHaveText(tr('state.processing'));
      await expect(queueRow(page, bud).getByTestId('job-step')).toHaveText(tr('step.serverProcessing'));
      await expect(queueRow(page, ring)).toBeHidden();
      await look(page, info, lang, 'node-running', [bud.projectName, NODE_NAME]);
    }

    // Both done: the local result's folder and preview, the node's result.
    node.finishRunning();
    await expect.poll(() => stateOf(world, budId), { timeout: 30_000 }).toBe('done');
    for (const { lang, page, tr } of viewers) {
      await nav(page, tr, 'nav.projects').click();
      for (const j of [ring, bud])
        await expect(projectRow(page, j).getByTestId('project-status')).toHaveText(tr('state.done'));
      await expect(page.getByTestId('result-folder')).toHaveCount(2);
      await look(page, info, lang, 'local-and-node-done', [ring.projectName, bud.projectName, NODE_NAME]);
    }

    // A cloud job the cloud fails while processing. The error says the cloud's words and what to do.
    const cupDir = path.join(world.dir, 'Cup');
    await makePhotoSet(cupDir, { count: 4, bytesEach: 30_000, seed: 24 });
    const { id: cupId } = await world.web.service.createJob({ paths: [cupDir], backend: 'cloud' });
    await expect.poll(() => stateOf(world, cupId), { timeout: 30_000 }).toBe('processing');
    const cup = await jobOf(world, cupId);
    const project = world.stub.state.projects.get(cup.projectName)!;
    project.status = 'processing failed';
    project.error = 'Reconstruction failed: only 2 of 4 images could be aligned';
    await expect.poll(() => stateOf(world, cupId), { timeout: 30_000 }).toBe('failed');
    const failed = await jobOf(world, cupId);
    expect(failed.error?.code).toBe('PROCESSING_FAILED');
    const said = String(failed.error?.params?.said ?? '');
    // The cloud's reason in its own words, not our English sentence about it.
    expect(said).toBe(project.error);
    for (const { lang, page, tr } of viewers) {
      await nav(page, tr, 'nav.queue').click();
      const row = queueRow(page, failed);
      await expect(row.getByTestId('job-state')).toHaveText(tr('state.failed'));
      const alert = row.getByRole('alert');
      await expect(alert).toContainText(tr('errors.processingFailed'));
      await expect(alert.getByTestId('error-detail')).toContainText(said);
      await expect(alert.getByTestId('error-detail')).toHaveText(
        tr.pattern('errorDetail.processingFailed.said'),
      );
      await expect(row.getByRole('button', { name: tr('queue.retry') })).toBeVisible();
      // A failed job has no "how far": no bar, no percent.
      await expect(row.getByRole('progressbar')).toHaveCount(0);
      await expect(row.getByTestId('job-percent')).toHaveText('\u00a0');
      await look(page, info, lang, 'cloud-failed', [failed.projectName, said]);
    }

    // The cloud cannot be reached: the token dialog opens its server address and says why.
    const address = world.web.runtime.settings.get().endpoint;
    await world.stub.close();
    for (const { lang, page, tr } of viewers) {
      await page.reload();
      await expect(page.getByTestId('cloud-status')).toHaveText(tr('header.offline'));
      await page.getByRole('button', { name: tr('header.token'), exact: true }).click();
      const server = page.getByRole('dialog').getByTestId('server-address');
      await expect(server).toHaveAttribute('open', '');
      await expect(server).toContainText(tr('server.unreachable', { address }));
      await look(page, info, lang, 'token-offline', [
        address,
        NODE_NAME,
        ring.projectName,
        bud.projectName,
        cup.projectName,
      ]);
    }
  } finally {
    for (const v of viewers) await v.page.context().close();
    await node.close();
  }
});

test('the figure check sees disagreeing counters', () => {
  const job = { partsTotal: 5, bytesTotal: 4_800_000 };
  const PART_OF = 1_048_576;
  // What a paused job once showed: "0 %  0 B / 4.80 MB" with a part confirmed.
  const zeroed = { pct: 0, partsDone: 1, partsTotal: 5, bytesDone: 0, bytesTotal: 4_800_000 };
  expect(figureProblems(zeroed, job, PART_OF, 0)).toEqual([expect.stringMatching(/bytes do not cover/)]);
  // Percent from another count than the bytes beside it.
  const apart = { pct: 50, partsDone: 1, partsTotal: 5, bytesDone: 1_050_000, bytesTotal: 4_800_000 };
  expect(figureProblems(apart, job, PART_OF, 1)).toEqual([expect.stringMatching(/percent/)]);
  // In-flight bytes beyond what the parts in flight can hold.
  const ahead = { pct: 63, partsDone: 1, partsTotal: 5, bytesDone: 3_000_000, bytesTotal: 4_800_000 };
  expect(figureProblems(ahead, job, PART_OF, 1)).toEqual([expect.stringMatching(/beyond/)]);
  // And agreeing ones pass, in German digits too.
  expect(parseBytes('1,05 MB')).toBe(1_050_000);
  const fine = { pct: 22, partsDone: 1, partsTotal: 5, bytesDone: 1_050_000, bytesTotal: 4_800_000 };
  expect(figureProblems(fine, job, PART_OF, 0)).toEqual([]);
});
