/**
 * Timing knobs from the environment, e.g.
 * `SCANBRIDGE_NET_TUNING='{"upload":{"replyTimeoutMs":1000},"poll":{"firstMs":50,"maxMs":200}}'`.
 * The tests of the BUILT command need them (a child process cannot be handed options), and so may a rig
 * on an odd link. Strict on purpose: an unknown key or a non-positive number throws, because a typo
 * that silently kept the defaults would turn a 5-second test into a 2-minute one (or hide a bug).
 * The failure budget has its own variable (SCANBRIDGE_FAILURE_BUDGET_MS, see runtime.ts).
 */
import { z } from 'zod';
import type { UploadTuning } from './jobs/cloud-backend.js';
import type { RetryPolicy } from './net/retry.js';

const ms = z.number().int().positive();
const EnvTuningSchema = z
  .object({
    upload: z
      .object({
        connectTimeoutMs: ms,
        idleTimeoutMs: ms,
        replyTimeoutMs: ms,
        partBudgetMs: ms,
        retries: z.number().int().nonnegative(),
        retryBaseMs: ms,
        retryMaxMs: ms,
      })
      .partial()
      .strict(),
    poll: z.object({ firstMs: ms, maxMs: ms }).strict(),
    stepRetry: z.object({ retries: z.number().int().nonnegative(), baseMs: ms, maxMs: ms }).strict(),
  })
  .partial()
  .strict();

export const NET_TUNING_ENV = 'SCANBRIDGE_NET_TUNING';

export interface EnvTuning {
  upload?: UploadTuning;
  poll?: { firstMs: number; maxMs: number };
  stepRetry?: RetryPolicy;
}

export function tuningFromEnv(raw: string | undefined = process.env[NET_TUNING_ENV]): EnvTuning {
  if (!raw?.trim()) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(`${NET_TUNING_ENV} is not JSON.`);
  }
  const r = EnvTuningSchema.safeParse(json);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new Error(
      `${NET_TUNING_ENV}: ${first?.path.join('.') || 'value'}: ${first?.message ?? 'invalid'}.`,
    );
  }
  return r.data as EnvTuning;
}
