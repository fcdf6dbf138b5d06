/**
 * Synthetic sets with planted problems, for measuring the pre-flight check: a ring of the usual
 * scene with some views blurred, some over-exposed, an arc left out, and a block of views of
 * another object filed among the good ones (named so they sort in the middle of the set). The
 * truth comes back with the files, so a test can count what the check found and what it wrongly
 * flagged.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CheckReport } from '../../check/types.js';
import { generateSyntheticSet } from './synth.js';

export interface PlantedOptions {
  dir: string;
  /** Views on the full ring (before the arc is left out). */
  views?: number;
  width?: number;
  height?: number;
  /** Ring indices to blur (Gaussian-like, sigma ≈ `blurSigma` px). */
  blur?: number[];
  blurSigma?: number;
  /** Ring indices to over-expose (gain, then clipping). */
  overexpose?: number[];
  /** Ring indices left out: the missing arc. */
  missingArc?: { from: number; count: number };
  /** Views of another object, filed after ring index `after`. */
  foreign?: { after: number; count: number };
}

export interface PlantedSet {
  /** Every photo, in file (capture) order. */
  files: string[];
  blurred: string[];
  overexposed: string[];
  foreign: string[];
  /** The photos on either side of the missing arc (ring order), when one was left out. */
  gap?: { after: string; before: string } | undefined;
  /** Photos with nothing planted on them. */
  good: string[];
}

export async function generatePlantedSet(o: PlantedOptions): Promise<PlantedSet> {
  const views = o.views ?? 36;
  const width = o.width ?? 640;
  const height = o.height ?? 480;
  const blur = new Set(o.blur ?? []);
  const bright = new Set(o.overexpose ?? []);
  const arc = o.missingArc;
  const inArc = (i: number): boolean => !!arc && i >= arc.from && i < arc.from + arc.count;
  const ringDir = path.join(o.dir, '.ring');
  const otherDir = path.join(o.dir, '.other');
  const ring = await generateSyntheticSet({
    dir: ringDir,
    views,
    width,
    height,
    skip: inArc,
    postprocess: (i, rgb, w, h) => {
      if (blur.has(i)) gaussianBlur(rgb, w, h, o.blurSigma ?? 2.5);
      if (bright.has(i)) gain(rgb, 2.4);
    },
  });
  const other = o.foreign
    ? await generateSyntheticSet({
        dir: otherDir,
        views,
        width,
        height,
        scene: 'other',
        only: o.foreign.count,
      })
    : undefined;

  // File order: the ring in order, the foreign block slipped in after ring index `foreign.after`.
  const ordered: { from: string; kind: 'ring' | 'foreign'; index: number }[] = [];
  for (const v of ring.views) {
    const index = ringIndex(v.file);
    ordered.push({ from: v.file, kind: 'ring', index });
    if (other && index === o.foreign!.after)
      for (const [k, f] of other.views.entries()) ordered.push({ from: f.file, kind: 'foreign', index: k });
  }
  await mkdir(o.dir, { recursive: true });
  const out: PlantedSet = { files: [], blurred: [], overexposed: [], foreign: [], good: [] };
  const byRing = new Map<number, string>();
  for (const [k, e] of ordered.entries()) {
    const dest = path.join(o.dir, `IMG_${String(k + 1).padStart(4, '0')}.png`);
    await rename(e.from, dest);
    out.files.push(dest);
    if (e.kind === 'foreign') out.foreign.push(dest);
    else {
      byRing.set(e.index, dest);
      if (blur.has(e.index)) out.blurred.push(dest);
      else if (bright.has(e.index)) out.overexposed.push(dest);
      else out.good.push(dest);
    }
  }
  if (arc && arc.count > 0) {
    const after = byRing.get((arc.from - 1 + views) % views);
    const before = byRing.get((arc.from + arc.count) % views);
    if (after && before) out.gap = { after, before };
  }
  await rm(ringDir, { recursive: true, force: true });
  await rm(otherDir, { recursive: true, force: true });
  return out;
}

function ringIndex(file: string): number {
  return Number(/_(\d+)\.png$/.exec(file)?.[1] ?? NaN);
}

/** Multiplies every channel and clips: blown highlights like a photo shot two stops over. */
export function gain(rgb: Uint8Array, k: number): void {
  for (let i = 0; i < rgb.length; i++) rgb[i] = Math.min(255, Math.round(rgb[i]! * k));
}

/** Three box blurs approximate a Gaussian of the given sigma (per channel, edges clamped). */
export function gaussianBlur(rgb: Uint8Array, w: number, h: number, sigma: number): void {
  // Box width for three passes (Kovesi's rule, rounded to odd).
  const r = Math.max(1, Math.round((Math.sqrt((12 * sigma * sigma) / 3 + 1) - 1) / 2));
  const tmp = new Float32Array(rgb.length);
  for (let pass = 0; pass < 3; pass++) {
    boxPass(rgb, tmp, w, h, r, 1, w); // horizontal
    boxPass(rgb, tmp, h, w, r, w, 1); // vertical
  }
}

/** One box pass along lines of `len` pixels with step `step` (in pixels), `lines` apart by `stride`. */
function boxPass(rgb: Uint8Array, tmp: Float32Array, len: number, lines: number, r: number, step: number, stride: number): void {
  const win = 2 * r + 1;
  for (let line = 0; line < lines; line++) {
    for (let c = 0; c < 3; c++) {
      const at = (k: number): number => ((line * stride + Math.min(len - 1, Math.max(0, k)) * step) * 3) + c;
      let sum = 0;
      for (let k = -r; k <= r; k++) sum += rgb[at(k)]!;
      for (let k = 0; k < len; k++) {
        tmp[at(k)] = sum / win;
        sum += rgb[at(k + r + 1)]! - rgb[at(k - r)]!;
      }
      for (let k = 0; k < len; k++) rgb[at(k)] = Math.round(tmp[at(k)]!);
    }
  }
} // prettier-ignore

/** Found / planted and false flags, as the issue counts them. */
export function scorePlanted(
  set: PlantedSet,
  r: Pick<CheckReport, 'flagged' | 'gaps'>,
): { planted: number; found: number; good: number; falseFlags: string[] } {
  const byFile = new Map(r.flagged.map((f) => [f.file, f.reasons]));
  const has = (f: string, reason: string): boolean => byFile.get(f)?.includes(reason as never) ?? false;
  let found = 0;
  found += set.foreign.filter((f) => has(f, 'disconnected')).length;
  found += set.blurred.filter((f) => has(f, 'blur')).length;
  found += set.overexposed.filter((f) => has(f, 'exposure')).length;
  const gapFound =
    set.gap !== undefined &&
    r.gaps.some((g) => new Set([g.after, g.before, set.gap!.after, set.gap!.before]).size === 2);
  if (gapFound) found++;
  const planted = set.foreign.length + set.blurred.length + set.overexposed.length + (set.gap ? 1 : 0);
  // A good photo beside the missing arc is rightly flagged `gap`; any other reason on a good photo is false.
  const border = new Set(set.gap ? [set.gap.after, set.gap.before] : []);
  const falseFlags = set.good.filter((f) => {
    const reasons = byFile.get(f) ?? [];
    return border.has(f) ? reasons.some((x) => x !== 'gap') : reasons.length > 0;
  });
  return { planted, found, good: set.good.length, falseFlags };
}
