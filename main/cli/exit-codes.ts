/**
 * Exit codes scripts can rely on. The table lives in core (main/core/error-table.ts) so the CLI, the
 * UI and the tests read one list; this file only keeps the CLI's older names working.
 */
import { EXIT as CORE_EXIT, exitCodeFor } from '../core/error-table.js';

export const EXIT = {
  ...CORE_EXIT,
  NETWORK: CORE_EXIT.TRY_LATER,
  PROCESSING: CORE_EXIT.SERVER_REFUSED,
} as const;

export { exitCodeFor };
