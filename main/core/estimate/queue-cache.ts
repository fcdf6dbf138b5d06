/**
 * The cloud's queue estimate for "model ready in", fetched at most once per `maxAgeMs` and never
 * waited for: estimates are computed on every progress tick and must not block on the network.
 * A failed fetch keeps the last value (or none) and is tried again after `maxAgeMs`.
 */
export interface QueueCache {
  /** The last known queue time in seconds (undefined until the first answer); refreshes when stale. */
  get(): number | undefined;
}

export function createQueueCache(
  fetchSeconds: () => Promise<number>,
  opts: { maxAgeMs?: number; now?: () => number } = {},
): QueueCache {
  const maxAge = opts.maxAgeMs ?? 60_000;
  const now = opts.now ?? Date.now;
  let value: number | undefined;
  let triedAt = -Infinity;
  let inflight = false;
  return {
    get() {
      if (!inflight && now() - triedAt >= maxAge) {
        inflight = true;
        triedAt = now();
        fetchSeconds().then(
          (v) => {
            value = v;
            inflight = false;
          },
          () => {
            inflight = false;
          },
        );
      }
      return value;
    },
  };
}
