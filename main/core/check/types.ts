/**
 * What the pre-flight check reports. Everything is codes + parameters: the UI and the CLI turn them
 * into words from the i18n catalogues, so the same report reads in every language.
 */

/** Why a photo is flagged. */
export type CheckReason =
  'blur' | 'exposure' | 'duplicate' | 'disconnected' | 'few-overlaps' | 'gap' | 'unreadable';

export const CHECK_REASONS: readonly CheckReason[] = [
  'blur',
  'exposure',
  'duplicate',
  'disconnected',
  'few-overlaps',
  'gap',
  'unreadable',
];

export type Verdict = 'good' | 'risky' | 'will-fail';

/** Measurements behind a flag; only the keys of the photo's reasons are set. */
export interface FlagDetail {
  /** Variance of the Laplacian on the small copy, the set's median and their ratio. */
  blur?: { value: number; median: number; ratio: number };
  /** Fractions of pixels at the ends of the range. */
  exposure?: { highlights: number; shadows: number };
  /** The photo this one repeats. */
  duplicate?: { of: string };
  /** Index into `groups` of the group this photo falls in (0 is the main one). */
  disconnected?: { group: number };
  /**
   * Inlier matches with its two best neighbours against the set's median; `placed` false when the
   * photo is in the main group by its matches but the quick reconstruction could not place it.
   */
  fewOverlaps?: { matches: number; median: number; placed: boolean };
  /** A missing arc of the ring next to this photo: its size and the photo on the other side. */
  gap?: { degrees: number; neighbour: string };
  unreadable?: { message: string };
}

export interface PhotoFlag {
  file: string;
  reasons: CheckReason[];
  detail: FlagDetail;
}

/** Set-level reasons for the verdict. */
export type SetReasonCode =
  'flagged-photos' | 'groups' | 'gap' | 'few-photos' | 'unplaced' | 'no-model' | 'too-few-readable';

export interface SetReason {
  code: SetReasonCode;
  params: Record<string, string | number>;
}

export type SuggestionCode = 'remove-photos' | 'reshoot-arc' | 'add-photos' | 'reshoot-set';

export interface Suggestion {
  code: SuggestionCode;
  params: Record<string, string | number>;
  /** Photos the suggestion is about (for "remove these"). */
  files?: string[];
}

export interface GapInfo {
  degrees: number;
  /** The photos on either side of the missing arc. */
  after: string;
  before: string;
}

export interface CheckReport {
  verdict: Verdict;
  seconds: number;
  /** Photos given to the check. */
  photos: number;
  flagged: PhotoFlag[];
  /** Groups of photos that match among themselves, largest first; [0] is the main group. */
  groups: string[][];
  gaps: GapInfo[];
  /** Photos the quick reconstruction placed (of those in the main group). */
  placed: number;
  reasons: SetReason[];
  suggestions: Suggestion[];
  /** Whether the quick COLMAP pass ran (false: no COLMAP, only per-photo measures). */
  colmap: boolean;
}

export type CheckPhase = 'prepare' | 'features' | 'matching' | 'mapping' | 'judging';

export interface CheckProgress {
  phase: CheckPhase;
  /** 0..1 over the whole check; never goes backwards. */
  fraction: number;
  done?: number;
  total?: number;
}
