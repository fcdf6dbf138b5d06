/**
 * Pause / resume for a running uploadParts. Pausing aborts the parts in flight (their bytes are taken
 * back from progress; the server discards a cut body) and resolves once they have all stopped;
 * resuming sends the unconfirmed parts again. Cancelling is the caller's AbortSignal, not this.
 */
export class UploadController {
  private paused = false;
  private pauseAc = new AbortController();
  private waiters: (() => void)[] = [];
  private readonly running = new Set<Promise<unknown>>();

  get isPaused(): boolean {
    return this.paused;
  }

  /** Aborted when a pause begins; each attempt listens to the signal current when it started. */
  get pauseSignal(): AbortSignal {
    return this.pauseAc.signal;
  }

  async pause(): Promise<void> {
    if (!this.paused) {
      this.paused = true;
      this.pauseAc.abort();
    }
    await Promise.allSettled([...this.running]);
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.pauseAc = new AbortController();
    const w = this.waiters;
    this.waiters = [];
    for (const wake of w) wake();
  }

  /** Resolves at once when running, else on resume (or when `signal` aborts). */
  waitUntilRunning(signal?: AbortSignal): Promise<void> {
    if (!this.paused || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.push(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** uploadParts registers each attempt so pause() can wait for it to stop. */
  track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    const drop = (): void => {
      this.running.delete(p);
    };
    p.then(drop, drop);
    return p;
  }
}
