/**
 * Read buffers reused across chunks: a fresh 1 MiB buffer per read makes peak RSS creep with the set's
 * size (GC runs late on external memory), reusing them keeps it flat. A buffer goes back only once
 * its consumer is done with it (for a socket: the write callback).
 */
export class BufferPool {
  private readonly free: Buffer[] = [];
  private readonly mine = new WeakSet<ArrayBufferLike>();

  constructor(
    readonly size: number,
    private readonly maxFree = 16,
  ) {}

  take(): Buffer {
    const b = this.free.pop();
    if (b) return b;
    const fresh = Buffer.allocUnsafeSlow(this.size);
    this.mine.add(fresh.buffer);
    return fresh;
  }

  /** Accepts the buffer, or any view of it, that `take()` handed out; ignores everything else. */
  give(view: Uint8Array): void {
    if (!this.mine.has(view.buffer) || this.free.length >= this.maxFree) return;
    const whole = Buffer.from(view.buffer, 0, this.size);
    if (!this.free.some((f) => f.buffer === whole.buffer)) this.free.push(whole);
  }
}
