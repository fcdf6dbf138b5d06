/**
 * Keeps the page behind a modal dialog from scrolling: a class on <html> (overflow: hidden in
 * styles.css) while at least one dialog is open. Radix's own scroll lock (react-remove-scroll) injects
 * a <style> element, which our CSP refuses (style-src 'self', no 'unsafe-inline', no nonce): a CSP
 * violation on every open and no lock. A class needs nothing inline; the covering overlay takes the
 * wheel and the focus trap the keys, and with the root not scrollable neither reaches the page.
 */
const LOCKED = 'scroll-locked';
let open = 0;

/** Locks until the returned function is called (once); nested dialogs keep it until the last closes. */
export function lockPageScroll(doc: Document = document): () => void {
  const html = doc.documentElement;
  if (open++ === 0) {
    // A classic scrollbar that disappears would shift the page sideways: keep its gutter. Set through
    // the CSSOM (element.style), which the CSP allows, unlike a style attribute or element.
    const gap = (doc.defaultView?.innerWidth ?? 0) - html.clientWidth;
    if (gap > 0) html.style.scrollbarGutter = 'stable';
    html.classList.add(LOCKED);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--open === 0) {
      html.classList.remove(LOCKED);
      html.style.scrollbarGutter = '';
    }
  };
}
