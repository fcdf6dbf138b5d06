/**
 * A failure clock: how long a piece of work may keep failing before it gives up. It starts at the
 * first transient failure and stops (resets) at the next success, so a 10-hour upload that keeps
 * moving never runs out, while a server that answers nothing for `limitMs` is given up on.
 *
 * One clock per job is shared by every retry loop of that job (API calls, parts, downloads); a part
 * may also carry its own, shorter clock. Nothing retries once any clock it carries has run out.
 */
export interface FailureBudget {
  readonly limitMs: number;
  /** A transient failure happened: start the clock if it is not running. */
  failed(): void;
  /** Something succeeded: the clock stops and resets. */
  succeeded(): void;
  /** Time left before giving up (limitMs while nothing is failing). */
  remainingMs(): number;
}

export function createFailureBudget(limitMs: number, now: () => number = Date.now): FailureBudget {
  let since: number | undefined;
  return {
    limitMs,
    failed() {
      since ??= now();
    },
    succeeded() {
      since = undefined;
    },
    remainingMs() {
      return since === undefined ? limitMs : Math.max(0, limitMs - (now() - since));
    },
  };
}
