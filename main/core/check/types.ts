/**
 * What the pre-flight check reports. Everything is codes + parameters: the UI and the CLI turn them
 * into words from the i18n catalogues, so the same report reads in every language. The shapes are the
 * contract's (main/contract/check.ts), inferred from its schemas: one definition, nothing to keep in step.
 */
import type { z } from 'zod';
import {
  CheckReasonSchema,
  type CheckFlagSchema,
  type CheckPhaseSchema,
  type CheckProgressSchema,
  type CheckReportSchema,
  type CheckVerdictSchema,
} from '../../contract/check.js';

/** The report as a whole: verdict, flagged photos, groups ([0] is the main one), gaps, reasons, suggestions. */
export type CheckReport = z.infer<typeof CheckReportSchema>;

/** Why a photo is flagged. */
export type CheckReason = z.infer<typeof CheckReasonSchema>;
export const CHECK_REASONS: readonly CheckReason[] = CheckReasonSchema.options;

export type Verdict = z.infer<typeof CheckVerdictSchema>;

/** A flagged photo: its file, its reasons and the measurements behind them. */
export type PhotoFlag = z.infer<typeof CheckFlagSchema>;
/**
 * Measurements behind a flag; only the keys of the photo's reasons are set. `blur`: variance of the
 * Laplacian on the small copy, the set's median and their ratio; `exposure`: fractions of pixels at the
 * ends of the range; `duplicate`: the photo this one repeats; `disconnected`: index into `groups`;
 * `fewOverlaps`: inlier matches with its two best neighbours against the set's median (`placed` false when
 * the quick reconstruction could not place it); `gap`: a missing arc next to this photo and the photo on
 * the other side.
 */
export type FlagDetail = PhotoFlag['detail'];

/** Set-level reasons for the verdict. */
export type SetReason = CheckReport['reasons'][number];
export type SetReasonCode = SetReason['code'];

export type Suggestion = CheckReport['suggestions'][number];
export type SuggestionCode = Suggestion['code'];

/** A missing arc of the ring: its size and the photos on either side. */
export type GapInfo = CheckReport['gaps'][number];

export type CheckPhase = z.infer<typeof CheckPhaseSchema>;
/** Progress over the whole check: `fraction` 0..1 never goes backwards. */
export type CheckProgress = z.infer<typeof CheckProgressSchema>;
