/**
 * Chooses COLMAP's parameters from the set itself. On a CPU, matching dominates and grows with
 * pairs × features², so the plan spends its budget on fewer but better pairs: an ordered capture
 * (turntable, ring, walk) only matches each photo with its next few neighbours — wrapping around,
 * because a ring closes on its first photo — while an unordered set is matched exhaustively.
 */
import path from 'node:path';
import type { ImageInfo } from './image-set.js';
import { priorPairs, type MatchPrior } from './match-prior.js';

export type MatcherChoice = 'auto' | 'exhaustive' | 'sequential';

/** Why a matcher was chosen: `figure` is the checked pairs (checkGraph) or the photo limit (tooMany). */
export type MatcherWhy = {
  code: 'user' | 'checkGraph' | 'exifTimes' | 'numberedNames' | 'tooMany' | 'noOrder';
  figure?: number;
};

export interface RunPlan {
  singleCamera: boolean;
  maxImageSize: number;
  maxNumFeatures: number;
  /** SIFT's first octave: -1 doubles the image first (COLMAP's default), 0 does not. */
  firstOctave: number;
  /** `checked`: the pairs the pre-flight check found overlapping (match-prior.ts), in `pairs`. */
  matcher: 'exhaustive' | 'sequential' | 'checked';
  /** Why this matcher, in English, for the summary. */
  matcherReason: string;
  /** The same by code and figure, for the log (said in the person's language). */
  matcherWhy: MatcherWhy;
  /** Sequential: how many following photos each photo is matched with. */
  window: number;
  threads: number;
  /**
   * The shared camera's focal length in pixels from EXIF (every photo said the same), COLMAP's
   * starting value; undefined: COLMAP guesses (1.2 × the long side).
   */
  focalPx?: number | undefined;
  /** The pairs to match (COLMAP names) when `matcher` is `checked`. */
  pairs?: [string, string][] | undefined;
}

/** Above this many photos, exhaustive matching takes hours on a CPU. */
const EXHAUSTIVE_MAX = 150;

export function planRun(
  images: ImageInfo[],
  opts: { matcher?: MatcherChoice | undefined; threads: number; prior?: MatchPrior | undefined },
): RunPlan {
  const n = images.length;
  const sizes = images.filter((i) => i.width && i.height);
  const maxSide = sizes.length > 0 ? Math.max(...sizes.map((i) => Math.max(i.width!, i.height!))) : 1600;
  const sameSize = sizes.length === n && new Set(sizes.map((i) => `${i.width}x${i.height}`)).size === 1;
  const cameras = new Set(images.map((i) => i.camera).filter(Boolean));
  // One shared camera when every photo has the same size and EXIF names at most one camera: the
  // intrinsics are then estimated from every photo at once (faster, steadier).
  const singleCamera = sameSize && cameras.size <= 1;
  const maxImageSize = Math.min(1600, maxSide);
  // Scale the feature cap with the working resolution: ~1.6 features per pixel of the long side
  // keeps small images from spending time on weak features, capped at 2,048 on a CPU.
  const maxNumFeatures = Math.max(1024, Math.min(2048, Math.round(maxImageSize * 1.6)));
  // Doubling the image before SIFT (first octave −1) costs ~2.6× the extraction time and only
  // pays off for small images; from ~600 px on, the capped feature budget fills without it.
  const firstOctave = maxImageSize >= 600 ? 0 : -1;
  // Each photo with its next n/7 photos, at least 3: on a ring of 24 (15° apart) the 4th neighbour
  // (60°) verified with ~30 inliers or not at all and cost a third of the matching time (failed pairs
  // run RANSAC to its cap), while the cameras came out as accurate without it (0.105 % vs 0.096 % of
  // the radius at most, measured on the 12 MP bench set).
  const window = Math.max(3, Math.min(12, Math.round(n / 7)));
  const focals = images.map((i) => i.focalPx ?? 0);
  const focalPx =
    singleCamera && n > 0 && focals.every((f) => f > 0) && Math.max(...focals) <= 1.01 * Math.min(...focals)
      ? focals[0]
      : undefined;
  const base = {
    singleCamera,
    maxImageSize,
    maxNumFeatures,
    firstOctave,
    window,
    threads: opts.threads,
    focalPx,
  };

  const user = { code: 'user' } as const;
  if (opts.matcher === 'exhaustive')
    return { ...base, matcher: 'exhaustive', matcherReason: 'chosen by the user', matcherWhy: user };
  if (opts.matcher === 'sequential')
    return { ...base, matcher: 'sequential', matcherReason: 'chosen by the user', matcherWhy: user };
  const order = captureOrder(images);
  const checked = opts.prior && priorPairs(images, opts.prior, { window, ordered: order !== undefined });
  if (checked) {
    return {
      ...base,
      matcher: 'checked',
      matcherReason: `the pre-flight check's match graph (${checked.length} pairs)`,
      matcherWhy: { code: 'checkGraph', figure: checked.length },
      pairs: checked,
    };
  }
  if (order)
    return {
      ...base,
      matcher: 'sequential',
      matcherReason: `ordered capture (${order})`,
      matcherWhy: { code: order === 'EXIF capture times' ? 'exifTimes' : 'numberedNames' },
    };
  if (n > EXHAUSTIVE_MAX) {
    return {
      ...base,
      matcher: 'sequential',
      matcherReason: `more than ${EXHAUSTIVE_MAX} photos with no clear order: exhaustive matching would take hours`,
      matcherWhy: { code: 'tooMany', figure: EXHAUSTIVE_MAX },
    };
  }
  return {
    ...base,
    matcher: 'exhaustive',
    matcherReason: 'no clear capture order',
    matcherWhy: { code: 'noOrder' },
  };
}

/** Why we believe the photos were taken in sequence, or undefined. */
export function captureOrder(images: ImageInfo[]): string | undefined {
  if (images.length >= 3 && images.every((i) => i.takenAt !== undefined)) return 'EXIF capture times';
  // Numbered names from one camera (IMG_0001, IMG_0002…) are in shooting order.
  const stems = images.map((i) => path.basename(i.source, path.extname(i.source)));
  const numbered = stems.filter((s) => /\d/.test(s));
  const patterns = new Map<string, number>();
  for (const s of numbered) {
    const p = s.replace(/\d+/g, '#');
    patterns.set(p, (patterns.get(p) ?? 0) + 1);
  }
  const top = Math.max(0, ...patterns.values());
  if (images.length >= 3 && top >= 0.8 * images.length) return 'numbered file names';
  return undefined;
}

/**
 * Pairs for an ordered capture: each photo with its next `window` photos, wrapping around so a
 * ring or turntable closes its loop; for long sets (over 60) also far pairs (i + 2w, 4w, 8w… up to
 * half the set) that let the mapper find the next ring of a multi-ring capture or close the loop a
 * walk-around makes. `farEvery: 2` adds the far pairs for every second photo only: the pre-flight
 * check's quick pass, at half the cost.
 */
export function sequentialPairs(
  names: string[],
  window: number,
  opts: { farEvery?: 1 | 2 } = {},
): [string, string][] {
  const n = names.length;
  const farEvery = opts.farEvery ?? 1;
  const seen = new Set<string>();
  const out: [string, string][] = [];
  const add = (i: number, j: number): void => {
    const a = Math.min(i, j);
    const b = Math.max(i, j);
    if (a === b || seen.has(`${a},${b}`)) return;
    seen.add(`${a},${b}`);
    out.push([names[a]!, names[b]!]);
  };
  for (let i = 0; i < n; i++) {
    for (let k = 1; k <= Math.min(window, n - 1); k++) add(i, (i + k) % n);
    if (n > 60 && i % farEvery === 0) for (let k = 2 * window; k < n / 2; k *= 2) add(i, (i + k) % n);
  }
  return out;
}
