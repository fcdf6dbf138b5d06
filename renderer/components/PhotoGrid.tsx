import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReviewPhoto, Thumbnail } from '../../main/contract/index.js';
import { useTranslation } from 'react-i18next';
import { api } from '../api/index.js';
import { formatBytes } from '../format.js';

const CELL = 148;
const ROW = 168;
const FETCH_DELAY_MS = 80;
/** Thumbnails already fetched, by photo id: scrolling back never asks main again. */
const cache = new Map<string, string>();

/**
 * Cells that come into view within a few ms of each other are asked for in one call: a row of
 * seven costs one request, not seven.
 */
const pending = new Map<string, { resolve(t: Thumbnail): void; reject(e: unknown): void }[]>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;
function loadThumbnail(id: string): Promise<Thumbnail> {
  return new Promise((resolve, reject) => {
    const waiters = pending.get(id) ?? [];
    waiters.push({ resolve, reject });
    pending.set(id, waiters);
    flushTimer ??= setTimeout(flush, 16);
  });
}
function flush() {
  flushTimer = undefined;
  const batch = new Map(pending);
  pending.clear();
  const ids = [...batch.keys()];
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    api.getThumbnails(chunk).then(
      (got) => {
        for (const id of chunk) {
          const t = got[id];
          for (const w of batch.get(id) ?? []) {
            if (t) w.resolve(t);
            else w.reject(new Error('This photo is no longer in the review.'));
          }
        }
      },
      (e: unknown) => chunk.forEach((id) => batch.get(id)?.forEach((w) => w.reject(e))),
    );
  }
}

/**
 * A virtualized grid: only the rows in view (plus a few) exist in the DOM, so 1,000+ photos scroll
 * smoothly; each cell asks main for its thumbnail when it first appears.
 */
export function PhotoGrid(props: {
  photos: ReviewPhoto[];
  label: string;
  /** A mark under a cell (the check's flag and its drop button). */
  badge?: (photoId: string) => ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState(5);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      const w = entry?.contentRect.width ?? CELL;
      setColumns(Math.max(1, Math.floor(w / CELL)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const rows = Math.ceil(props.photos.length / columns);
  // No React Compiler here: the virtualizer re-rendering this grid on scroll is the point.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 3,
  });

  return (
    <div ref={scrollRef} className="grid-scroll" role="list" aria-label={props.label} tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key}
            className="grid-row"
            style={{
              transform: `translateY(${row.start}px)`,
              gridTemplateColumns: `repeat(${columns}, 1fr)`,
            }}
          >
            {props.photos.slice(row.index * columns, row.index * columns + columns).map((p) => (
              <Cell key={p.id} photo={p} badge={props.badge} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

const Cell = memo(function Cell({
  photo,
  badge,
}: {
  photo: ReviewPhoto;
  badge?: ((photoId: string) => ReactNode) | undefined;
}) {
  const lang = useTranslation().i18n.language;
  const [url, setUrl] = useState<string | undefined>(() => cache.get(photo.id));
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    if (cache.has(photo.id)) return;
    let live = true;
    // Ask only for cells that stay in view a moment: a fast flick through 1,000 photos then costs
    // no requests for the rows it merely passes.
    const timer = setTimeout(() => {
      loadThumbnail(photo.id).then(
        (t) => {
          cache.set(photo.id, t.url);
          if (live) setUrl(t.url);
        },
        () => live && setBroken(true),
      );
    }, FETCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [photo.id]);
  const name =
    photo.displayPath
      .split(/[/\\›]/)
      .pop()
      ?.trim() ?? photo.displayPath;
  return (
    <figure className="cell" role="listitem" title={photo.displayPath}>
      <div className="thumb">
        {url && !broken ? (
          <img src={url} alt="" decoding="async" onError={() => setBroken(true)} />
        ) : (
          <span aria-hidden="true">▦</span>
        )}
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
