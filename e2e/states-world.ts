/**
 * The world for e2e/states.spec.ts: like fixtures.ts's (a cloud stub, web mode on a temp data folder),
 * but the stub runs on a clock the test moves, so a project stays queued or processing for as long as
 * the test looks at it and is done the moment the test says so — no sleeps, no racing a schedule.
 * Also the per-language bits: how to open the app in a language, its catalogue lookup, and `look`,
 * the checks every state gets (German: no English; en-XA: all text from the catalogue and no broken
 * layout; en and de: axe) with a screenshot attached to the test's report
 * (and kept in test-results/screens/).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { startWebMode } from '../main/web.js';
import { de } from '../renderer/i18n/de.js';
import { en } from '../renderer/i18n/en.js';
import { pseudoString } from '../renderer/i18n/pseudo.js';
import { startCloudStub } from '../server-stub/cloud/index.js';
import { seriousViolations } from './axe.js';
import { GOOD_TOKEN, screen, type World } from './fixtures.js';
import { englishInGerman, plainTexts } from './lang-checks.js';
import { layoutProblems } from './layout.js';
import { translator, type Tr } from './tour.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** On the stub's clock: a started project waits a minute in the cloud's queue, then processes for an hour. */
export const SCHEDULE = { startedAfterMs: MINUTE, doneAfterMs: HOUR };

export interface StatesWorld extends World {
  /** Moves the stub's clock (and only the stub's) forward. */
  advance(ms: number): void;
}

export const test = base.extend<{ world: StatesWorld }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  world: async ({}, use) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-e2e-states-'));
    let offset = 0;
    const stub = await startCloudStub({
      tokens: [{ token: GOOD_TOKEN }],
      publicToken: 'public',
      now: () => Date.now() + offset,
      schedule: SCHEDULE,
      dlinkStyle: 'wrapped',
    });
    const downloads = path.join(dir, 'downloads');
    const web = await startWebMode({
      dataDir: path.join(dir, 'data'),
      endpoint: stub.url,
      publicToken: 'public',
      poll: { firstMs: 100, maxMs: 300 },
    });
    web.runtime.settings.update({ downloadDir: downloads });
    await web.runtime.secrets.set(GOOD_TOKEN);
    const advance = (ms: number) => {
      offset += ms;
    };
    await use({ dir, stub, web, downloads, advance });
    await web.close();
    await stub.close();
    await fs.rm(dir, { recursive: true, force: true });
  },
});

export { expect };

export type Lang = 'en' | 'de' | 'en-XA';
export const LANGS: Lang[] = ['en', 'de', 'en-XA'];

/** The catalogue lookup for a language (en-XA: the English catalogue, pseudo-localised as the app does). */
export function trFor(lang: Lang): Tr {
  return lang === 'de' ? translator(de) : lang === 'en-XA' ? translator(en, pseudoString) : translator(en);
}

/** Opens the app in `lang` (German from settings, as a person sets it; en-XA from the page address). */
export async function openApp(page: Page, world: World, lang: Lang): Promise<void> {
  world.web.runtime.settings.update({ locale: lang === 'de' ? 'de' : 'en' });
  // en-XA is a layout check: the narrowest window the app supports.
  if (lang === 'en-XA') await page.setViewportSize({ width: 760, height: 800 });
  await page.goto(world.web.pageUrl + (lang === 'en-XA' ? '&lang=en-XA' : ''));
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/**
 * The checks of one state in one language, soft (a run shows every state's problems, and still
 * fails): German has no English, en-XA no text around the catalogue and no broken layout, en and de
 * are axe-clean. The screenshot is attached to the report as `<lang>[-light]-states-<state>`.
 */
export async function look(
  page: Page,
  info: TestInfo,
  lang: Lang,
  state: string,
  userData: string[],
): Promise<void> {
  const where = `${state} (${lang})`;
  if (lang === 'de') {
    const { keys, line } = await englishInGerman(page, userData);
    expect.soft(keys, `English catalogue strings on ${where}`).toEqual([]);
    expect.soft(line, `an English word on ${where}`).toBeUndefined();
  }
  if (lang === 'en-XA') {
    expect.soft(await plainTexts(page, userData), `text that bypassed the catalogue on ${where}`).toEqual([]);
    expect.soft(await layoutProblems(page), `layout broken by longer text on ${where}`).toEqual([]);
  } else {
    expect.soft(await seriousViolations(page), `axe on ${where}`).toEqual([]);
  }
  // Named as the tour's (en-light-…, de-light-…, en-XA-…): the CI summary counts them by language.
  await screen(page, `${lang === 'en-XA' ? lang : `${lang}-light`}-states-${state}`, info);
}
