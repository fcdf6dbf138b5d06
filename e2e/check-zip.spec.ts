/**
 * "Check set" on a zip, from the review (issue 16), in a real browser against web mode and the real
 * COLMAP, in English and in German: the person opens a zip of JPEGs (a ring of one object with a
 * blurred photo and three photos of another object filed among them), starts the check, sees its
 * progress and then the verdict with its reasons; exactly the planted photos are marked in the grid
 * with their reason; one click drops a photo, one more drops the rest, and the upload that follows
 * leaves the dropped photos out of the zip the server receives.
 * Small photos (640×480) keep the check to seconds; the zip is a real one (yazl), of real JPEGs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import yazl from 'yazl';
import { generatePlantedSet } from '../main/core/local/testing/planted.js';
import { de } from '../renderer/i18n/de.js';
import { en } from '../renderer/i18n/en.js';
import { GOOD_TOKEN, expect, screen, test } from './fixtures.js';
import { translator, type Tr } from './tour.js';

interface ZipSet {
  zipPath: string;
  /** Entry base names, in file order. */
  names: string[];
  blurred: string[];
  foreign: string[];
}

let made: Promise<ZipSet> | undefined;
let root: string | undefined;

/** The set and its zip, made once for both languages. */
function zipSet(): Promise<ZipSet> {
  made ??= (async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'sb-e2e-check-zip-'));
    // 20 views on the ring (18° apart); ring view 4 blurred; 3 views of another object after view 9.
    const set = await generatePlantedSet({ dir: path.join(root, 'renders'), views: 20, blur: [4], foreign: { after: 9, count: 3 } }); // prettier-ignore
    const jpeg = (f: string): string => path.basename(f).replace(/\.png$/, '.jpg');
    const z = new yazl.ZipFile();
    for (const f of set.files) {
      // Stored, as photos are; a folder inside the zip, as people zip a folder.
      z.addBuffer(await sharp(f).jpeg({ quality: 90 }).toBuffer(), `Turntable/${jpeg(f)}`, { compress: false }); // prettier-ignore
    }
    z.addBuffer(Buffer.from('shot on the turntable\n'), 'Turntable/notes.txt');
    z.end();
    const chunks: Buffer[] = [];
    for await (const c of z.outputStream) chunks.push(c as Buffer);
    const zipPath = path.join(root, 'Turntable.zip');
    await writeFile(zipPath, Buffer.concat(chunks));
    return { zipPath, names: set.files.map(jpeg), blurred: set.blurred.map(jpeg), foreign: set.foreign.map(jpeg) }; // prettier-ignore
  })();
  return made;
}

test.afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** A catalogue string with every placeholder not given matching anything. */
function partly(tr: Tr, key: string, params: Record<string, unknown>): RegExp {
  const filled = tr(key, params);
  return new RegExp(
    filled
      .split(/\{\{\w+\}\}/)
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+?'),
  );
}

for (const [lang, catalogue] of [
  ['en', en],
  ['de', de],
] as const) {
  test(`check a zip from the review (${lang}): progress, verdict, flagged photos with reasons, drop in one click`, async ({
    page,
    world,
  }) => {
    test.setTimeout(300_000);
    const tr = translator(catalogue);
    const set = await zipSet();
    await world.web.runtime.secrets.set(GOOD_TOKEN);
    world.web.runtime.settings.update({ locale: lang });
    // The check is not started by itself here: the person starts it with "Check set". And every
    // state the progress line shows is recorded, so the test sees the progress however fast it goes.
    await page.addInitScript(() => {
      localStorage.setItem('scanbridge.check.auto', 'off');
      const seen: { text: string; value: number }[] = [];
      (window as unknown as { checkProgressSeen: typeof seen }).checkProgressSeen = seen;
      new MutationObserver(() => {
        const line = document.querySelector('[data-testid="check-progress"]');
        const bar = line?.querySelector('progress');
        if (!line || !bar) return;
        const last = seen.at(-1);
        const now = { text: line.textContent ?? '', value: bar.value };
        if (!last || last.text !== now.text || last.value !== now.value) seen.push(now);
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });

    await page.goto(world.web.pageUrl);
    await page.getByLabel(tr('home.pathLabel')).fill(set.zipPath);
    await page.getByRole('button', { name: tr('home.open'), exact: true }).click();
    await expect(page.getByTestId('review-summary')).toContainText(tr('review.photos_other', { count: 23 }));

    const panel = page.getByTestId('check-panel');
    await expect(panel.getByTestId('check-progress')).toHaveCount(0);
    await panel.getByRole('button', { name: tr('check.run'), exact: true }).click();
    await expect(panel.getByRole('button', { name: tr('check.cancel') })).toBeVisible();

    const verdict = panel.getByTestId('check-verdict');
    await expect(verdict).toBeVisible({ timeout: 240_000 });
    await screen(page, `check-zip-${lang}-01-verdict`);
    await expect(panel.getByTestId('check-progress')).toHaveCount(0);
    const seen = await page.evaluate(
      () => (window as unknown as { checkProgressSeen: { text: string; value: number }[] }).checkProgressSeen,
    );
    // Progress was shown in the person's language, went forward only, and passed through COLMAP's phases.
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((s) => tr.pattern('check.running').test(s.text))).toBe(true);
    expect(seen.every((s, i) => i === 0 || s.value >= seen[i - 1]!.value)).toBe(true);
    expect(seen.some((s) => s.value > 0 && s.value < 1)).toBe(true);
    expect(seen.some((s) => s.text.includes(tr('check.phase.matching')))).toBe(true);

    await expect(verdict).toHaveAttribute('data-verdict', 'risky');
    await expect(verdict).toContainText(tr('check.verdict.risky'));
    await expect(panel).toContainText(partly(tr, 'check.summary', { photos: 23, flagged: 4 }));
    await expect(panel.getByTestId('check-reasons')).toContainText(partly(tr, 'check.setReason.groups', { groups: 2, main: 20, total: 23 })); // prettier-ignore

    // Exactly the planted photos are marked, each with its reason in words.
    const grid = page.getByRole('list', { name: tr('review.grid') });
    const cell = (name: string) => grid.getByRole('listitem').filter({ hasText: name });
    for (const name of set.names) {
      const badge = cell(name).getByTestId('check-badge');
      await cell(name).scrollIntoViewIfNeeded();
      if (set.blurred.includes(name)) {
        await expect(badge).toHaveAttribute('data-reasons', /\bblur\b/);
        await expect(badge).toContainText(tr.pattern('check.reason.blur'));
      } else if (set.foreign.includes(name)) {
        await expect(badge).toHaveAttribute('data-reasons', /\bdisconnected\b/);
        await expect(badge).toContainText(tr('check.reason.disconnected', { group: 2 }));
      } else {
        await expect(badge, `${name} is a good photo`).toHaveCount(0);
      }
    }
    await cell(set.blurred[0]!).scrollIntoViewIfNeeded();
    await screen(page, `check-zip-${lang}-02-flagged`);

    // One click drops a photo (and one puts it back); one more drops the rest of the flagged ones.
    const blurred = cell(set.blurred[0]!);
    await blurred.getByRole('button', { name: tr('check.drop'), exact: true }).click();
    await expect(blurred.getByRole('button', { name: tr('check.undrop') })).toBeVisible();
    await expect(panel).toContainText(tr('check.dropped_one', { count: 1 }));
    await panel.getByRole('button', { name: tr('check.dropFlagged', { count: 3 }) }).click();
    await expect(panel).toContainText(tr('check.dropped', { count: 4 }));
    await screen(page, `check-zip-${lang}-03-dropped`);

    // The upload leaves them out: the zip the server validates holds the 19 kept photos only.
    await page.getByRole('button', { name: tr('review.upload'), exact: true }).click();
    await expect(page.getByTestId('job')).toBeVisible();
    const kept = set.names.filter((n) => !set.blurred.includes(n) && !set.foreign.includes(n));
    await expect
      .poll(() => [...world.stub.state.projects.values()][0]?.files?.map((f) => path.basename(f)).sort(), {
        timeout: 60_000,
      })
      .toEqual(kept.sort());
    expect([...world.stub.state.projects.values()][0]!.photos).toBe(19);
  });
}
