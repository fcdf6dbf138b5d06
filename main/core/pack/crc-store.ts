/**
 * CRC-32 per entry, computed at most once: a local header needs its entry's CRC before the data, and
 * parallel parts (and the central directory) may ask for the same entry at the same time, so they
 * share one memoised promise. The journal saves `snapshot()` and a resumed job `restore()`s it, so a
 * resume does not re-read files only to learn their CRCs again.
 */
export type CrcSnapshot = Record<string, number>;

export class CrcStore {
  private readonly known = new Map<string, number>();
  private readonly pending = new Map<string, Promise<number>>();

  constructor(snapshot?: CrcSnapshot) {
    if (snapshot) this.restore(snapshot);
  }

  peek(key: string): number | undefined {
    return this.known.get(key);
  }

  get(key: string, compute: () => Promise<number>): Promise<number> {
    const k = this.known.get(key);
    if (k !== undefined) return Promise.resolve(k);
    let p = this.pending.get(key);
    if (!p) {
      p = compute().then(
        (crc) => {
          this.known.set(key, crc >>> 0);
          this.pending.delete(key);
          return crc >>> 0;
        },
        (err: unknown) => {
          // A failed computation (file vanished, cancelled) must not be cached: a later try may succeed.
          this.pending.delete(key);
          throw err;
        },
      );
      this.pending.set(key, p);
    }
    return p;
  }

  snapshot(): CrcSnapshot {
    return Object.fromEntries(this.known);
  }

  restore(snapshot: CrcSnapshot): void {
    for (const [k, v] of Object.entries(snapshot)) {
      if (Number.isInteger(v) && v >= 0 && v <= 0xffffffff) this.known.set(k, v);
    }
  }
}
