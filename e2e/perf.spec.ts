/**
 * The review grid with a 1,000-photo set: time to the first thumbnail, DOM size (virtualized), and
 * frames while scrolling. Numbers are printed (and attached) for `npm run bench -- ui`; the asserts
 * are structural (virtualized, thumbnails arrive, scrolling moves) because CI shares 2 cores.
 *
 * Measured in the page, not by Playwright's polling (its retries come 100, 250, 500, 1000 ms apart,
 * which once turned a ~250 ms first thumbnail into "1084 ms"): times are performance.now() stamps of
 * the click, of the summary's text and of the first thumbnail decoded in the grid. Frame times are
 * requestAnimationFrame intervals while the grid scrolls at a set speed in px per second of real time
 * (a late frame jumps further, as a real flick would, and has more new rows to show), plus the
 * long-animation-frame entries the browser reports for the same stretch.
 */
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import fs from 'node:fs/promises';
import sharp from 'sharp';
import { GOOD_TOKEN, expect, screen, test } from './fixtures.js';

interface Frames {
  count: number;
  p50: number;
  p95: number;
  max: number;
  over50ms: number;
  /** Long animation frames (≥ 50 ms, as the browser counts them) and their summed duration. */
  longFrames: number;
  longFramesMs: number;
  scrolledPx: number;
  /** Thumbnails in the DOM at the end (a read-along scroll gets them as rows come into view). */
  thumbsShown: number;
  /**
   * The page's main-thread busy time during the scroll (Chromium's Performance metrics: all tasks,
   * of which script, style and layout), in ms per 1,000 px scrolled. CPU time, not wall time: it
   * says what the page costs, and varies far less with a busy machine than frame times do.
   */
  mainThread?: {
    taskMsPer1000px: number;
    scriptMs: number;
    styleMs: number;
    layoutMs: number;
    taskMs: number;
  };
}

/**
 * 1,000 real, decodable 1600×1200 JPEGs (hard links of one, so the set costs one file of disk): main
 * makes real thumbnails (sharp, shrink-on-load) and the page decodes real images, as with a camera's
 * set. (Generated sets of undecodable bytes would only ever show the placeholder thumbnail.)
 */
async function realPhotos(dir: string, count: number): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const first = path.join(dir, 'IMG_0001.jpg');
  await sharp({
    create: {
      width: 1600,
      height: 1200,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .blur(6)
    .jpeg({ quality: 85 })
    .toFile(first);
  for (let i = 2; i <= count; i++) {
    await fs.link(first, path.join(dir, `IMG_${String(i).padStart(4, '0')}.jpg`));
  }
  return dir;
}

async function busy(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** scrollGrid with the main thread's busy time over the same stretch. */
async function measuredScroll(
  page: Page,
  cdp: CDPSession,
  opts: { from: number; pxPerSec: number; ms: number },
): Promise<Frames> {
  const before = await busy(cdp);
  const frames = await scrollGrid(page, opts);
  const after = await busy(cdp);
  const ms = (k: string) => Math.round(((after[k] ?? 0) - (before[k] ?? 0)) * 1000);
  return {
    ...frames,
    mainThread: {
      taskMs: ms('TaskDuration'),
      scriptMs: ms('ScriptDuration'),
      styleMs: ms('RecalcStyleDuration'),
      layoutMs: ms('LayoutDuration'),
      taskMsPer1000px: Math.round((ms('TaskDuration') / Math.max(1, frames.scrolledPx)) * 1000),
    },
  };
}

/** Scrolls the grid from `from` px at `pxPerSec` for `ms` (or to the end) and times every frame. */
function scrollGrid(page: Page, opts: { from: number; pxPerSec: number; ms: number }): Promise<Frames> {
  return page.evaluate(async ({ from, pxPerSec, ms }) => {
    const el = document.querySelector('.grid-scroll') as HTMLElement;
    el.scrollTop = from;
    const long: number[] = [];
    const po = new PerformanceObserver((l) => l.getEntries().forEach((e) => long.push(e.duration)));
    po.observe({ type: 'long-animation-frame' });
    const times: number[] = [];
    await new Promise<void>((resolve) => {
      let t0 = 0;
      let last = 0;
      const step = (now: number) => {
        if (t0 === 0) t0 = now;
        else times.push(now - last);
        last = now;
        el.scrollTop = from + ((now - t0) * pxPerSec) / 1000;
        const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
        if (now - t0 < ms && !atEnd) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    // Entries are delivered after the frame: one more frame and a task to collect the last ones.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    po.disconnect();
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
    return {
      count: times.length,
      p50: at(0.5),
      p95: at(0.95),
      max: sorted.at(-1) ?? 0,
      over50ms: times.filter((t) => t > 50).length,
      longFrames: long.length,
      longFramesMs: Math.round(long.reduce((a, b) => a + b, 0)),
      scrolledPx: Math.round(el.scrollTop - from),
      thumbsShown: el.querySelectorAll('img').length,
    };
  }, opts);
}

test('1,000 photos: first thumbnails fast, grid virtualized, scrolling keeps frames', async ({
  page,
  world,
}, info) => {
  test.setTimeout(120_000);
  await world.web.runtime.secrets.set(GOOD_TOKEN);
  const setDir = await realPhotos(path.join(world.dir, 'thousand'), 1000);
  await page.goto(world.web.pageUrl);
  await page.getByLabel('Folder or zip path').fill(setDir);

  // Stamps in the page: the click on Review, the summary with the count, the first decoded thumbnail.
  await page.evaluate(() => {
    const w = window as unknown as { perfStamps: Record<string, number> };
    w.perfStamps = {};
    const stamps = w.perfStamps;
    document.addEventListener('click', () => (stamps.click ??= performance.now()), { capture: true });
    const watch = new MutationObserver(() => {
      if (stamps.summary === undefined) {
        const s = document.querySelector('[data-testid=review-summary]');
        if (s?.textContent?.includes('1000 photos')) stamps.summary = performance.now();
      }
      const img = document.querySelector<HTMLImageElement>('.grid-scroll img');
      if (img && stamps.firstImg === undefined) {
        stamps.firstImg = performance.now();
        void img.decode().then(
          () => (stamps.firstThumb = performance.now()),
          () => (stamps.firstThumb = -1),
        );
        watch.disconnect();
      }
    });
    watch.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await expect(page.getByTestId('review-summary')).toContainText('1000 photos', { timeout: 60_000 });
  await page.waitForFunction(
    () => (window as unknown as { perfStamps: { firstThumb?: number } }).perfStamps.firstThumb !== undefined,
    undefined,
    { timeout: 30_000 },
  );
  const stamps = await page.evaluate(
    () => (window as unknown as { perfStamps: Record<string, number> }).perfStamps,
  );
  expect(stamps.firstThumb).toBeGreaterThan(0); // decoded, not broken
  const scanMs = Math.round(stamps.summary! - stamps.click!);
  const firstThumbMs = Math.round(stamps.firstThumb! - stamps.summary!);
  const cells = await page.locator('.grid-scroll [role=listitem]').count();

  // Frame pacing of this browser on this machine with nothing changing, for comparison.
  const idleP50 = await page.evaluate(async () => {
    const times: number[] = [];
    let last = performance.now();
    await new Promise<void>((resolve) => {
      const step = (now: number) => {
        times.push(now - last);
        last = now;
        if (times.length < 40) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    return [...times.slice(1)].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  // Reading along (~4 rows a second): thumbnails are asked for and arrive while the grid moves.
  const readAlong = await measuredScroll(page, cdp, { from: 0, pxPerSec: 700, ms: 3000 });
  // A brisk flick from the top through the set (the number the target is about).
  const frames = await measuredScroll(page, cdp, { from: 0, pxPerSec: 7000, ms: 3000 });
  await screen(page, '30-review-1000');
  // The same flick once the pre-flight check is stopped: what its COLMAP run (niced, on one core of
  // two here) and its progress cost the scrolling. Both are reported; `frames` is what a person gets.
  const progress = page.getByTestId('check-progress');
  const checkWasRunning = await progress.isVisible();
  if (checkWasRunning) {
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(progress).toBeHidden();
  }
  await page.waitForTimeout(1000); // COLMAP's process tree has ended
  const framesCheckStopped = await measuredScroll(page, cdp, { from: 0, pxPerSec: 7000, ms: 3000 });
  const numbers = {
    photos: '1000 × real JPEG 1600×1200 (thumbnails by sharp)',
    scanMs,
    firstThumbMs,
    cellsInDom: cells,
    idleFrameP50: idleP50,
    frames,
    readAlong,
    checkWasRunning,
    framesCheckStopped,
  };
  console.log(`perf: ${JSON.stringify(numbers)}`);
  await info.attach('perf.json', { body: JSON.stringify(numbers, null, 2), contentType: 'application/json' });

  expect(cells).toBeLessThan(200); // virtualized: not 1,000 cells
  expect(firstThumbMs).toBeLessThan(5_000);
  // Frame times are reported, not asserted: on a shared 2-core machine they measure the neighbours.
  expect(frames.scrolledPx).toBeGreaterThan(500);
  expect(frames.count).toBeGreaterThan(5);
  expect(readAlong.thumbsShown).toBeGreaterThan(0); // rows that came into view got theirs
});
