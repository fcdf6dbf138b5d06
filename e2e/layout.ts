/**
 * Layout checks for any page state: the page never scrolls sideways, no box's content spills out of
 * it (a box that neither clips nor scrolls), and nothing scrolls sideways inside the page either.
 * Returns one line per problem (the innermost element only), so a test can print what broke.
 */
import type { Page } from '@playwright/test';

export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const name = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls =
        typeof el.className === 'string' && el.className
          ? `.${el.className.trim().split(/\s+/).join('.')}`
          : '';
      const test = el.getAttribute('data-testid');
      const text = (el.textContent ?? '').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls}${test ? `[${test}]` : ''} "${text}"`;
    };
    // Form fields scroll their own value; a canvas is drawn to size.
    const SKIP = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'CANVAS', 'OPTION', 'HTML', 'BODY']);
    const found: [Element, string][] = [];
    const clipped = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (SKIP.has(el.tagName) || !el.checkVisibility()) continue;
      const cs = getComputedStyle(el);
      if (el.getBoundingClientRect().right > vw + 1 && !clipped(el)) {
        found.push([el, `${name(el)} sticks out of the window`]);
      }
      if (cs.display === 'inline' || el.clientWidth === 0) continue;
      const over = el.scrollWidth - el.clientWidth;
      if (over <= 1) continue;
      if (cs.overflowX === 'visible') found.push([el, `${name(el)} spills ${over} px out of its box`]);
      else if (cs.overflowX === 'auto' || cs.overflowX === 'scroll')
        found.push([el, `${name(el)} scrolls sideways by ${over} px`]);
    }
    const page =
      document.documentElement.scrollWidth > vw + 1
        ? [`the page scrolls sideways (${document.documentElement.scrollWidth} > ${vw} px)`]
        : [];
    // Only the innermost culprit: an ancestor overflows because its child does.
    return [
      ...page,
      ...found
        .filter(([el]) => !found.some(([other]) => other !== el && el.contains(other)))
        .map(([, what]) => what),
    ];
  });
}
