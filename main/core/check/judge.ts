/**
 * From measurements to a report: which photos are flagged and why, the verdict and what to do.
 * Pure: the runner gathers the numbers, this decides. Thresholds are relative to the set where a
 * scene decides the absolute value (focus, clipping against a white or black backdrop), so a soft
 * but consistent set, or a set shot on a white sweep, is not flagged wholesale.
 */
// Fewer photos than this rarely make a model: the review's own number, so both say the same.
import { FEW_PHOTOS } from '../photos/warnings.js';
import { median } from './measures.js';
import type { RingGap } from './ring.js';
import type {
  CheckReason,
  CheckReport,
  FlagDetail,
  GapInfo,
  PhotoFlag,
  SetReason,
  Suggestion,
  Verdict,
} from './types.js';

export interface PhotoMeasure {
  sharpness: number;
  highlights: number;
  shadows: number;
}

export interface GraphFacts {
  /** Photo indices per group, largest first. */
  groups: number[][];
  weak: { index: number; matches: number; median: number }[];
  /** Photos the quick reconstruction placed. */
  placed: Set<number>;
  gaps: RingGap[];
}

export interface JudgeInput {
  files: string[];
  /** Per photo: its measures, or why it could not be read. */
  measures: (PhotoMeasure | { error: string })[];
  /** Repeats: `index` repeats `of`. */
  duplicates: { index: number; of: number }[];
  /** Undefined when COLMAP could not run: only the per-photo measures are judged. */
  graph?: GraphFacts | undefined;
  seconds: number;
}

/** A photo whose focus measure is below this share of the set's median is blurred. */
export const BLUR_RATIO = 0.35;
/** Clipped shares that flag a photo: beyond the absolute floor AND this far above the set's median. */
export const CLIP_MIN = 0.15;
export const CLIP_ABOVE_MEDIAN = 0.12;

export function judge(input: JudgeInput): CheckReport {
  const { files, measures } = input;
  const n = files.length;
  const details: FlagDetail[] = files.map(() => ({}));
  const reasons: Set<CheckReason>[] = files.map(() => new Set());
  const flag = <K extends keyof FlagDetail>(i: number, r: CheckReason, key: K, d: FlagDetail[K]): void => {
    reasons[i]!.add(r);
    details[i]![key] = d;
  };

  const readable = measures.flatMap((m, i) => ('error' in m ? [] : [{ i, m }]));
  measures.forEach((m, i) => {
    if ('error' in m) flag(i, 'unreadable', 'unreadable', { message: m.error });
  });
  const sharpMedian = median(readable.map((r) => r.m.sharpness));
  const hiMedian = median(readable.map((r) => r.m.highlights));
  const loMedian = median(readable.map((r) => r.m.shadows));
  for (const { i, m } of readable) {
    const ratio = sharpMedian > 0 ? m.sharpness / sharpMedian : 1;
    if (ratio < BLUR_RATIO) {
      flag(i, 'blur', 'blur', { value: round(m.sharpness, 1), median: round(sharpMedian, 1), ratio: round(ratio, 3) });
    }
    const hi = m.highlights >= CLIP_MIN && m.highlights >= hiMedian + CLIP_ABOVE_MEDIAN;
    const lo = m.shadows >= CLIP_MIN && m.shadows >= loMedian + CLIP_ABOVE_MEDIAN;
    if (hi || lo) flag(i, 'exposure', 'exposure', { highlights: round(m.highlights, 3), shadows: round(m.shadows, 3) });
  } // prettier-ignore
  for (const d of input.duplicates) flag(d.index, 'duplicate', 'duplicate', { of: files[d.of]! });

  const g = input.graph;
  const gaps: GapInfo[] = [];
  if (g) {
    g.groups.forEach((members, k) => {
      if (k > 0) for (const i of members) if (!reasons[i]!.has('unreadable')) flag(i, 'disconnected', 'disconnected', { group: k });
    }); // prettier-ignore
    for (const w of g.weak) {
      flag(w.index, 'few-overlaps', 'fewOverlaps', { matches: w.matches, median: w.median, placed: g.placed.has(w.index) });
    } // prettier-ignore
    // In the main group by its matches but not placed by the mapper: it overlaps too little.
    for (const i of g.groups[0] ?? []) {
      if (g.placed.size > 0 && !g.placed.has(i) && !reasons[i]!.has('few-overlaps')) {
        flag(i, 'few-overlaps', 'fewOverlaps', { matches: 0, median: 0, placed: false });
      }
    }
    for (const gap of g.gaps) {
      gaps.push({ degrees: gap.degrees, after: files[gap.after]!, before: files[gap.before]! });
      flag(gap.after, 'gap', 'gap', { degrees: gap.degrees, neighbour: files[gap.before]! });
      flag(gap.before, 'gap', 'gap', { degrees: gap.degrees, neighbour: files[gap.after]! });
    }
  }

  const flagged: PhotoFlag[] = [];
  for (let i = 0; i < n; i++) {
    if (reasons[i]!.size > 0)
      flagged.push({ file: files[i]!, reasons: [...reasons[i]!], detail: details[i]! });
  }
  const setReasons: SetReason[] = [];
  const suggestions: Suggestion[] = [];
  let verdict = 'good' as Verdict;
  const worse = (v: Verdict): void => {
    if (v === 'will-fail' || (v === 'risky' && verdict === 'good')) verdict = v;
  };

  const main = g?.groups[0] ?? [];
  const placed = g ? g.placed.size : 0;
  if (readable.length < 3) {
    setReasons.push({ code: 'too-few-readable', params: { readable: readable.length, total: n } });
    worse('will-fail');
  } else if (g) {
    if (placed === 0) {
      setReasons.push({ code: 'no-model', params: { total: n } });
      worse('will-fail');
    } else if (placed < 0.5 * readable.length) {
      setReasons.push({ code: 'unplaced', params: { placed, total: n } });
      worse('will-fail');
    }
    if (g.groups.length > 1) {
      setReasons.push({ code: 'groups', params: { groups: g.groups.length, main: main.length, total: n } });
      worse(main.length < 0.5 * readable.length ? 'will-fail' : 'risky');
    }
    for (const gap of gaps) {
      setReasons.push({ code: 'gap', params: { degrees: gap.degrees, after: gap.after, before: gap.before } });
      suggestions.push({ code: 'reshoot-arc', params: { degrees: gap.degrees, after: gap.after, before: gap.before } });
      worse('risky');
    }
  } // prettier-ignore
  if (n < FEW_PHOTOS) {
    setReasons.push({ code: 'few-photos', params: { count: n, min: FEW_PHOTOS } });
    suggestions.push({ code: 'add-photos', params: { count: n, min: FEW_PHOTOS } });
    worse('risky');
  }
  const removable: CheckReason[] = [
    'disconnected',
    'blur',
    'exposure',
    'duplicate',
    'unreadable',
    'few-overlaps',
  ];
  const perPhoto = flagged.filter((f) => f.reasons.some((r) => r !== 'gap'));
  if (perPhoto.length > 0) {
    setReasons.push({ code: 'flagged-photos', params: { count: perPhoto.length, total: n } });
    worse('risky');
  }
  for (const r of removable) {
    const list = flagged.filter((f) => f.reasons.includes(r)).map((f) => f.file);
    if (list.length > 0) suggestions.push({ code: 'remove-photos', params: { reason: r, count: list.length }, files: list });
  } // prettier-ignore
  if (verdict === 'will-fail') suggestions.push({ code: 'reshoot-set', params: { total: n } });

  return {
    verdict,
    seconds: round(input.seconds, 2),
    photos: n,
    flagged,
    groups: (g?.groups ?? [readable.map((r) => r.i)]).map((grp) => grp.map((i) => files[i]!)),
    gaps,
    placed,
    reasons: setReasons,
    suggestions,
    colmap: g !== undefined,
  };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
