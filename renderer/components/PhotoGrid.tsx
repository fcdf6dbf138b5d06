import { memo, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReviewPhoto } from '../../main/contract/index.js';
import { useTranslation } from 'react-i18next';
import { api } from '../api/index.js';
import { formatBytes } from '../format.js';
import { createThumbCache } from './thumb-cache.js';

const CELL = 148;
const ROW = 168;
/**
 * Thumbnails are asked for once the visible rows have stayed put this long: a flick through 1,000
 * photos asks for none of the rows it passes (they would arrive after they left the screen), a slow
 * read-along scroll still gets each row as it comes into view.
 */
const SETTLE_MS = 100;
/** Rows above and below the visible ones whose thumbnails come along (the DOM keeps 3). */
const THUMB_OVERSCAN = 1;
/** One per page: scrolling back, or a second review of the same scan, never asks main again. */
const thumbs = createThumbCache((ids) => api.getThumbnails(ids));

type Badge = ((photoId: string) => ReactNode) | undefined;

/**
 * A virtualized grid: only the rows in view (plus a few) exist in the DOM, so 1,000+ photos scroll
 * smoothly. Rows and cells are memoised (a scroll re-renders the grid's row list, not its cells),
 * and thumbnails are asked for by the grid for the rows in view, not by each cell.
 */
export function PhotoGrid(props: {
  photos: ReviewPhoto[];
  label: string;
  /** A mark under a cell (the check's flag and its drop button); keep it stable (useCallback). */
  badge?: Badge;
}) {
  const { photos, badge } = props;
  const lang = useTranslation().i18n.language;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState(5);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const fit = (width: number) => setColumns(Math.max(1, Math.floor(width / CELL)));
    // Before the first paint: the first thumbnails asked for are the ones of the real first row.
    fit(el.clientWidth);
    const ro = new ResizeObserver(([entry]) => fit(entry?.contentRect.width ?? CELL));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const rows = Math.ceil(photos.length / columns);
  // No React Compiler here: the virtualizer re-rendering this grid on scroll is the point.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 3,
  });
  const items = virtualizer.getVirtualItems();
  const first = virtualizer.range?.startIndex ?? 0;
  const last = items.length > 0 ? (virtualizer.range?.endIndex ?? -1) : -1;

  const askedBefore = useRef(false);
  useEffect(() => {
    if (last < 0) return;
    const ask = () => {
      const inView = photos.slice(first * columns, (last + 1) * columns);
      const above = photos.slice(Math.max(0, first - THUMB_OVERSCAN) * columns, first * columns);
      const below = photos.slice((last + 1) * columns, (last + 1 + THUMB_OVERSCAN) * columns);
      // The first row alone first: the first thumbnails do not wait for the whole screen's.
      thumbs.want(
        [...inView, ...below, ...above].map((p) => p.id),
        askedBefore.current ? 0 : columns,
      );
      askedBefore.current = true;
    };
    if (!askedBefore.current) return ask();
    const timer = setTimeout(ask, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [first, last, columns, photos]);

  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      role="list"
      aria-label={props.label}
      tabIndex={0}
      // A small set's grid is as tall as its rows (+ the 1 px borders), not an empty box below them.
      style={{ height: `min(60vh, 560px, ${virtualizer.getTotalSize() + 2}px)` }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((row) => (
          <Row
            key={row.key}
            index={row.index}
            start={row.start}
            columns={columns}
            photos={photos}
            lang={lang}
            badge={badge}
          />
        ))}
      </div>
    </div>
  );
}

const Row = memo(function Row(props: {
  index: number;
  start: number;
  columns: number;
  photos: ReviewPhoto[];
  lang: string;
  badge: Badge;
}) {
  const { index, columns } = props;
  return (
    <div
      className="grid-row"
      style={{ transform: `translateY(${props.start}px)`, gridTemplateColumns: `repeat(${columns}, 1fr)` }}
    >
      {props.photos.slice(index * columns, index * columns + columns).map((p) => (
        <Cell key={p.id} photo={p} lang={props.lang} badge={props.badge} />
      ))}
    </div>
  );
});

const Cell = memo(function Cell({ photo, lang, badge }: { photo: ReviewPhoto; lang: string; badge: Badge }) {
  const box = useRef<HTMLDivElement>(null);
  // A layout effect: a thumbnail already here is in the cell in the frame the cell appears.
  useLayoutEffect(() => (box.current ? thumbs.attach(photo.id, box.current) : undefined), [photo.id]);
  const name =
    photo.displayPath
      .split(/[/\\›]/)
      .pop()
      ?.trim() ?? photo.displayPath;
  return (
    <figure className="cell" role="listitem" title={photo.displayPath}>
      <div className="thumb" ref={box}>
        <span aria-hidden="true">▦</span>
      </div>
      <figcaption>
        <span className="name">{name}</span>
        <span className="muted num">
          {formatBytes(photo.size, lang)}
          {photo.width ? ` · ${photo.width}×${photo.height ?? '?'}` : ''}
        </span>
      </figcaption>
      {badge?.(photo.id)}
    </figure>
  );
});
