/**
 * The language checks every screen and state gets, shared by the tour's specs (german-a11y,
 * pseudo-locale) and e2e/states.spec.ts: in German no English catalogue sentence and no common English
 * word on screen; in en-XA no visible text that bypassed the catalogue. User data (file, project and
 * node names, paths) is passed in and left out of both.
 */
import { expect, type Page } from '@playwright/test';
import { de } from '../renderer/i18n/de.js';
import { en } from '../renderer/i18n/en.js';

function flatten(o: object, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null
      ? flatten(v as object, `${prefix}${k}.`)
      : [[`${prefix}${k}`, String(v)]],
  );
}
const german = new Map(flatten(de));
/** English strings German translates differently, as patterns (placeholders match anything). */
const englishPatterns = flatten(en)
  .filter(([k, v]) => german.get(k) !== v && v.split(' ').length >= 2)
  .map(([k, v]) => {
    const literal = v.split(/\{\{\w+\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return [k, new RegExp(literal.join('.+?'))] as const;
  });
/** Words no German sentence of ours contains; names (ScanBridge, OpenScan Cloud, COLMAP) and paths are removed first. */
const ENGLISH_WORDS = /\b(the|and|with|your|please|photos|cannot|is|are|not|you|this|of)\b/i;

/** The page's visible text in German mode, minus user data, paths and product names. */
async function germanPageText(page: Page, ignore: string[]): Promise<string> {
  // A tool's own log lines (COLMAP, a node's console) and the data in ours (names, paths, ids, a server's
  // words: .log-data) are shown as they came; every other word of a log line is the catalogue's.
  let text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('.log-tool, .log-data').forEach((e) => e.remove());
    document.body.append(clone);
    const t = clone.innerText;
    clone.remove();
    return t;
  });
  for (const s of ignore) text = text.split(s).join(' ');
  return text.replace(/\/[^\s]+/g, ' ').replace(/OpenScan Cloud|ScanBridge|COLMAP|NodeODM/g, ' ');
}

/** What on the page is English in German mode: the catalogue keys whose English shows, and lines with English words. */
export async function englishInGerman(
  page: Page,
  ignore: string[] = [],
): Promise<{ keys: string[]; line: string | undefined }> {
  const text = await germanPageText(page, ignore);
  return {
    keys: englishPatterns.filter(([, re]) => re.test(text)).map(([k]) => k),
    line: text.split('\n').find((l) => ENGLISH_WORDS.test(l)),
  };
}

export async function expectGermanOnly(page: Page, where: string, ignore: string[] = []): Promise<void> {
  const { keys, line } = await englishInGerman(page, ignore);
  expect(keys, `English catalogue strings on ${where}`).toEqual([]);
  expect(line, `an English word on ${where}`).toBeUndefined();
}

/** What Intl writes itself in en-XA (it formats as English): units, months, AM/PM. */
const INTL_WORDS =
  /\b(B|KB|MB|GB|TB|sec|min|hr|day|days|AM|PM|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/g;

/** Every text a person can see or hear: visible text nodes and the visible elements' labels. */
function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    // A tool's own log lines (COLMAP, a node's console) and the data in ours (names, paths, ids, a server's
    // words: .log-data) are shown as they came; every other word of a log line is the catalogue's.
    const skip = (el: Element) =>
      el.closest('.log-tool, .log-data, script, style') !== null || !el.checkVisibility();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (el && n.textContent?.trim() && !skip(el)) out.push(n.textContent);
    }
    for (const el of Array.from(
      document.body.querySelectorAll('[placeholder], [title], [aria-label], [alt]'),
    )) {
      if (skip(el)) continue;
      for (const a of ['placeholder', 'title', 'aria-label', 'alt']) {
        const v = el.getAttribute(a);
        if (v?.trim()) out.push(v);
      }
    }
    return out;
  });
}

/** In en-XA: the texts on screen that bypassed the catalogue. */
export async function plainTexts(page: Page, userData: string[]): Promise<string[]> {
  return (await visibleTexts(page)).filter((text) => {
    let rest = text;
    for (const d of userData) rest = rest.split(d).join(' ');
    rest = rest
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/\/\S+/g, ' ')
      .replace(INTL_WORDS, ' ');
    return /[A-Za-z]{2,}/.test(rest);
  });
}
