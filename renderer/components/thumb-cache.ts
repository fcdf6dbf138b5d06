/**
 * The review grid's thumbnails, kept as loaded <img> elements by photo id. A cell that scrolls back
 * into view gets its element moved in: no new data: URL load, no base64 parse, no fetch on the page's
 * main thread (a trace of a fast scroll through 1,000 photos had those loads as the largest cost,
 * larger than React). Thumbnails arrive without React: a cell's box gets the element appended, so a
 * batch of 50 thumbnails is 50 DOM appends, not 50 re-renders.
 */
import type { Thumbnail } from '../../main/contract/index.js';

export type FetchThumbnails = (ids: string[]) => Promise<Record<string, Thumbnail | undefined>>;

export interface ThumbCache {
  /** Shows the photo's thumbnail in `box` now or when it arrives; returns the undo. */
  attach(id: string, box: HTMLElement): () => void;
  /** Asks main for the ones not yet here or on their way, the first `firstBatch` in a call of their own. */
  want(ids: string[], firstBatch?: number): void;
  readonly size: number;
}

export function createThumbCache(fetchThumbnails: FetchThumbnails, maxKept = 800): ThumbCache {
  const images = new Map<string, HTMLImageElement>();
  const asked = new Set<string>();
  const boxes = new Map<string, HTMLElement>();

  const show = (img: HTMLImageElement, box: HTMLElement) => {
    if (img.parentNode !== box) box.appendChild(img);
  };
  const keep = (id: string, img: HTMLImageElement) => {
    images.set(id, img);
    // Forget the oldest ones not on screen; they are fetched again if someone scrolls back that far.
    for (const old of images.keys()) {
      if (images.size <= maxKept) break;
      if (boxes.has(old)) continue;
      images.delete(old);
      asked.delete(old);
    }
  };
  const arrived = (id: string, t: Thumbnail | undefined) => {
    if (!t) return; // no longer in the review: the cell keeps its glyph
    const img = document.createElement('img');
    img.alt = '';
    img.decoding = 'async';
    img.draggable = false;
    // A thumbnail the browser cannot decode leaves the cell's glyph visible instead of a broken icon,
    // now and when the cell comes back (forgotten, but still counted as asked: not fetched again).
    img.addEventListener(
      'error',
      () => {
        img.remove();
        if (images.get(id) === img) images.delete(id);
      },
      { once: true },
    );
    img.src = t.url;
    keep(id, img);
    const box = boxes.get(id);
    if (box) show(img, box);
  };
  const request = (ids: string[]): Promise<void> =>
    ids.length === 0
      ? Promise.resolve()
      : fetchThumbnails(ids).then(
          (got) => ids.forEach((id) => arrived(id, got[id])),
          // Asked again the next time the cell comes into view.
          () => ids.forEach((id) => asked.delete(id)),
        );

  return {
    get size() {
      return images.size;
    },
    attach(id, box) {
      boxes.set(id, box);
      const img = images.get(id);
      if (img) {
        // Most recently shown last: the eviction above goes oldest first.
        images.delete(id);
        images.set(id, img);
        show(img, box);
      }
      return () => {
        if (boxes.get(id) === box) boxes.delete(id);
        if (img?.parentNode === box) img.remove();
        const late = images.get(id);
        if (late?.parentNode === box) late.remove();
      };
    },
    want(ids, firstBatch = 0) {
      const missing = ids.filter((id) => !images.has(id) && !asked.has(id));
      missing.forEach((id) => asked.add(id));
      const rest = missing.slice(firstBatch);
      const askRest = () => {
        for (let i = 0; i < rest.length; i += 200) void request(rest.slice(i, i + 200));
      };
      // The rest only once the first batch is back: two calls sent together may reach main in either
      // order, and main makes thumbnails a few at a time.
      if (firstBatch > 0) void request(missing.slice(0, firstBatch)).then(askRest);
      else askRest();
    },
  };
}
