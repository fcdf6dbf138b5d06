/**
 * The pre-flight check across the process boundary (issue 16): start a check of a reviewed set's
 * photos, its progress and its report as events, cancel. The report names photos by their review
 * ids. The one definition: main/core/check/types.ts infers its types from these schemas.
 */
import { z } from 'zod';
import { SerializedErrorSchema } from './schemas.js';

export const CheckReasonSchema = z.enum([
  'blur',
  'exposure',
  'duplicate',
  'disconnected',
  'few-overlaps',
  'gap',
  'unreadable',
]);
export const CheckVerdictSchema = z.enum(['good', 'risky', 'will-fail']);
export const CheckPhaseSchema = z.enum(['prepare', 'features', 'matching', 'mapping', 'judging']);

const ParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export const CheckFlagSchema = z.object({
  file: z.string(),
  reasons: z.array(CheckReasonSchema),
  detail: z.object({
    blur: z.object({ value: z.number(), median: z.number(), ratio: z.number() }).optional(),
    exposure: z.object({ highlights: z.number(), shadows: z.number() }).optional(),
    duplicate: z.object({ of: z.string() }).optional(),
    disconnected: z.object({ group: z.number() }).optional(),
    fewOverlaps: z.object({ matches: z.number(), median: z.number(), placed: z.boolean() }).optional(),
    gap: z.object({ degrees: z.number(), neighbour: z.string() }).optional(),
    unreadable: z.object({ message: z.string() }).optional(),
  }),
});

export const CheckReportSchema = z.object({
  verdict: CheckVerdictSchema,
  seconds: z.number(),
  photos: z.number().int(),
  flagged: z.array(CheckFlagSchema),
  groups: z.array(z.array(z.string())),
  gaps: z.array(z.object({ degrees: z.number(), after: z.string(), before: z.string() })),
  placed: z.number().int(),
  reasons: z.array(
    z.object({
      code: z.enum([
        'flagged-photos',
        'groups',
        'gap',
        'few-photos',
        'unplaced',
        'no-model',
        'too-few-readable',
      ]),
      params: ParamsSchema,
    }),
  ),
  suggestions: z.array(
    z.object({
      code: z.enum(['remove-photos', 'reshoot-arc', 'add-photos', 'reshoot-set']),
      params: ParamsSchema,
      files: z.array(z.string()).optional(),
    }),
  ),
  colmap: z.boolean(),
});

export const CheckProgressSchema = z.object({
  phase: CheckPhaseSchema,
  fraction: z.number().min(0).max(1),
  done: z.number().optional(),
  total: z.number().optional(),
});

export const CheckStartSchema = z.object({
  /** Review photo ids (`scanId:index`) of the photos to check, in the review's order. */
  photoIds: z.array(z.string().min(1).max(300)).min(1).max(20_000),
});
export const CheckIdSchema = z.string().min(1).max(100);

export const CheckDoneSchema = z.object({
  checkId: CheckIdSchema,
  report: CheckReportSchema.optional(),
  cancelled: z.boolean().optional(),
  /** Why the check could not finish (code + specifics; tokens redacted), when it could not. */
  error: SerializedErrorSchema.optional(),
});

export type CheckReportDto = z.infer<typeof CheckReportSchema>;
export type CheckFlagDto = z.infer<typeof CheckFlagSchema>;
export type CheckProgressDto = z.infer<typeof CheckProgressSchema>;
export type CheckDone = z.infer<typeof CheckDoneSchema>;
export type CheckReasonCode = z.infer<typeof CheckReasonSchema>;
