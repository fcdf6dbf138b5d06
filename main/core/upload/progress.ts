/**
 * Upload progress as a person should see it: bytes acknowledged plus bytes in flight (a failed part's
 * bytes are taken back), a smoothed rate (EWMA over a few seconds, so one slow part does not make the
 * ETA jump), and at most 10 updates a second.
 * The first rate is the average over a whole second, not the first 100 ms tick: an upload starts with
 * a burst (the cap's bucket, socket buffers), and the EWMA seeded from that tick showed ~1.4× a 0.4 MB/s
 * cap for seconds. Until then the rate is 0 (unknown) and there is no ETA.
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
/** The first rate covers at least this long. */
const FIRST_RATE_MS = 1000;

export class ProgressMeter {
  private bytes = 0;
  private parts = 0;
  private rate = 0;
  /** Bytes at the last tick (did anything change?). */
  private lastBytes = 0;
  /** Where the next rate sample starts: bytes and time. */
  private sampleBytes = 0;
  private sampleAt: number;
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
    this.sampleBytes = start.bytes;
    this.sampleAt = now();
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
    const dt = t - this.sampleAt;
    if (!force && this.bytes === this.lastBytes && t - this.lastEmitAt < HEARTBEAT_MS) return;
    if (this.rate === 0 ? dt >= FIRST_RATE_MS : dt > 0) {
      const inst = (Math.max(0, this.bytes - this.sampleBytes) * 1000) / dt;
      const alpha = this.rate === 0 ? 1 : 1 - Math.exp(-dt / TAU_MS);
      this.rate += alpha * (inst - this.rate);
      this.sampleAt = t;
      this.sampleBytes = this.bytes;
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
