/** Progress helpers: a smoothed rate and a throttle so the UI gets at most ~10 updates a second. */
import type { JobProgress } from './types.js';

export function emptyProgress(): JobProgress {
  return {
    fraction: 0,
    bytesDone: 0,
    bytesTotal: 0,
    rate: 0,
    etaSeconds: undefined,
    partsDone: 0,
    partsTotal: 0,
    stage: undefined,
  };
}

/**
 * Calls `emit` at most once per `intervalMs`, always delivering the latest value (trailing call), so a
 * burst of updates never floods IPC/SSE and the last state is never lost.
 */
export function throttle<T>(
  emit: (v: T) => void,
  intervalMs: number,
  now: () => number = Date.now,
): { push(v: T): void; flush(): void } {
  let last = -Infinity;
  let pending: { v: T } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    timer = undefined;
    if (!pending) return;
    const { v } = pending;
    pending = undefined;
    last = now();
    emit(v);
  };
  return {
    push(v) {
      pending = { v };
      const wait = last + intervalMs - now();
      if (wait <= 0) fire();
      else if (!timer) timer = setTimeout(fire, wait);
    },
    flush() {
      if (timer) clearTimeout(timer);
      fire();
    },
  };
}
