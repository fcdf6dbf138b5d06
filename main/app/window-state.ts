import type { WindowBounds } from '../core/settings/schema.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Remembered bounds are only reused if enough of the window would land on a display that still
 * exists (a laptop undocked from its second monitor must not open the app off-screen). Otherwise
 * the size is kept and the position dropped, so the OS centres the window.
 */
export function fitBoundsToDisplays(
  saved: WindowBounds | null | undefined,
  workAreas: readonly Rect[],
): WindowBounds | null {
  if (!saved) return null;
  const { x, y, ...rest } = saved;
  if (x === undefined || y === undefined) return { ...rest };
  const visible = workAreas.some(
    (a) => overlap(a, { x, y, width: saved.width, height: saved.height }) >= 100 * 50,
  );
  // A title bar's worth must be reachable: at least 100×50 px on some display.
  if (visible) return { ...saved };
  const largest = workAreas.reduce<Rect | undefined>(
    (m, a) => (!m || a.width * a.height > m.width * m.height ? a : m),
    undefined,
  );
  return {
    ...rest,
    width: largest ? Math.min(saved.width, largest.width) : saved.width,
    height: largest ? Math.min(saved.height, largest.height) : saved.height,
  };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** What to save: the normal (un-maximised) bounds plus the maximised flag, as integers. */
export function boundsToSave(normal: Rect, maximized: boolean): WindowBounds {
  return {
    x: Math.round(normal.x),
    y: Math.round(normal.y),
    width: Math.max(200, Math.round(normal.width)),
    height: Math.max(150, Math.round(normal.height)),
    maximized,
  };
}
