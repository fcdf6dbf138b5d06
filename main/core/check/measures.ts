/**
 * Per-photo image measures on a small grey copy: focus (variance of the Laplacian) and clipping.
 * Pure functions over a row-major 8-bit buffer, so they are tested on hand-made pixels.
 */

/**
 * Variance of the 4-neighbour Laplacian over the interior pixels. Sharp edges give large second
 * derivatives; a blurred photo's are small. The absolute value depends on the scene, so the check
 * compares each photo with its own set's median (see judge.ts).
 */
export function laplacianVariance(grey: Uint8Array, width: number, height: number): number {
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const i = row + x;
      const l = grey[i - 1]! + grey[i + 1]! + grey[i - width]! + grey[i + width]! - 4 * grey[i]!;
      sum += l;
      sumSq += l * l;
      n++;
    }
  }
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** Values at or beyond these count as clipped (JPEG noise keeps true clipping a little off 0/255). */
export const HIGHLIGHT = 250;
export const SHADOW = 5;

/** Fractions of pixels blown out (≥ HIGHLIGHT) and crushed (≤ SHADOW). */
export function clipping(grey: Uint8Array): { highlights: number; shadows: number } {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < grey.length; i++) {
    const v = grey[i]!;
    if (v >= HIGHLIGHT) hi++;
    else if (v <= SHADOW) lo++;
  }
  const n = Math.max(1, grey.length);
  return { highlights: hi / n, shadows: lo / n };
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
