/**
 * Every screen in the pseudo-locale en-XA ("[Šéţţîñĝš ····]": accented and ~40 % longer, made from the
 * English catalogue at run time, chosen with ?lang=en-XA) in a 760 px wide window. It fails on any
 * visible text that did not come through the catalogue (only user data may stay plain: file and
 * project names, paths, numbers, units) and on any layout the longer text breaks.
 */
import { en } from '../renderer/i18n/en.js';
import { pseudoString } from '../renderer/i18n/pseudo.js';
import { expect, screen, test } from './fixtures.js';
import { plainTexts } from './lang-checks.js';
import { layoutProblems } from './layout.js';
import { tour, translator } from './tour.js';

test.use({ viewport: { width: 760, height: 800 } });

test('every screen in en-XA at 760 px: all text from the catalogue, no broken layout', async ({
  page,
  world,
}) => {
  const plain: string[] = [];
  const problems: string[] = [];
  await tour(
    page,
    world,
    translator(en, pseudoString),
    async (where, userData) => {
      await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
      plain.push(...(await plainTexts(page, userData)).map((p) => `${where}: ${p}`));
      problems.push(...(await layoutProblems(page)).map((p) => `${where}: ${p}`));
      await screen(page, `en-XA-${where}`);
    },
    { query: '&lang=en-XA', slowUploadMBps: 0.4 },
  );
  expect([...new Set(plain)], 'text that bypassed the catalogue').toEqual([]);
  expect(problems, 'layouts that break with longer text at 760 px').toEqual([]);
});

test('the checks themselves see plain text, a spilling box and sideways scrolling', async ({ page }) => {
  await page.setContent(`
    <p>${pseudoString('Settings')}</p>
    <p title="Plain title">IMG_0001.jpg</p>
    <div style="width:100px"><button style="width:100px;white-space:nowrap">${pseudoString('Download the model')}</button></div>
    <div style="width:200px;overflow-x:auto"><div style="width:400px">x</div></div>
    <div style="width:1200px">wide</div>`);
  expect(await plainTexts(page, ['IMG_0001.jpg'])).toEqual(['wide', 'Plain title']);
  const problems = await layoutProblems(page);
  expect(problems).toHaveLength(4);
  expect(problems[0]).toMatch(/^the page scrolls sideways/);
  expect(problems.join('\n')).toMatch(/button ".*" spills \d+ px out of its box/);
  expect(problems.join('\n')).toMatch(/div "x" scrolls sideways by 200 px/);
  expect(problems.join('\n')).toMatch(/div "wide" sticks out of the window/);
});
