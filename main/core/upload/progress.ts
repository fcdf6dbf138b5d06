/**
 * Upload progress as a person should see it: bytes acknowledged plus bytes in flight (a failed part's
 * bytes are taken back), a smoothed rate (EWMA over a few seconds, so one slow part does not make the
 * ETA jump), and at most 10 updates a second.
 */
export interface UploadProgress {
  bytesDone: number;
  bytesTotal: number;
  /** Smoothed bytes per second. */
  rate: number;
  etaSeconds?: number;
  partsDone: number;
  partsTotal: number;
}

const TICK_MS = 100;
const HEARTBEAT_MS = 1000;
const TAU_MS = 3000;

export class ProgressMeter {
  private bytes = 0;
  private parts = 0;
  private rate = 0;
  private lastBytes = 0;
  private lastAt: number;
  private lastEmitAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly totals: { bytesTotal: number; partsTotal: number },
    start: { bytes: number; parts: number },
    private readonly emit: (p: UploadProgress) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.bytes = start.bytes;
    this.parts = start.parts;
    this.lastBytes = start.bytes;
    this.lastAt = now();
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(false), TICK_MS);
    this.timer.unref();
  }

  add(n: number): void {
    this.bytes += n;
  }

  partDone(): void {
    this.parts += 1;
  }

  /** Emits when something changed (≤ 10/s) or once a second regardless, so a stall shows a falling rate. */
  tick(force: boolean): void {
    const t = this.now();
    const dt = t - this.lastAt;
    if (!force && this.bytes === this.lastBytes && t - this.lastEmitAt < HEARTBEAT_MS) return;
    if (dt > 0) {
      const inst = (Math.max(0, this.bytes - this.lastBytes) * 1000) / dt;
      const alpha = this.rate === 0 ? 1 : 1 - Math.exp(-dt / TAU_MS);
      this.rate += alpha * (inst - this.rate);
      this.lastAt = t;
    }
    this.lastBytes = this.bytes;
    this.lastEmitAt = t;
    const left = this.totals.bytesTotal - this.bytes;
    const p: UploadProgress = {
      bytesDone: this.bytes,
      bytesTotal: this.totals.bytesTotal,
      rate: Math.round(this.rate),
      partsDone: this.parts,
      partsTotal: this.totals.partsTotal,
    };
    if (this.rate > 0) p.etaSeconds = Math.ceil(left / this.rate);
    this.emit(p);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.tick(true);
  }
}
