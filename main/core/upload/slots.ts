/**
 * Sending slots for uploadParts: at most `n` part bodies on the wire at once. A part holds its slot
 * from its request until its last byte is handed to the socket, not until the server replies, so
 * the next part's connection and `100 Continue` round trips overlap the previous part's last bytes
 * and its reply (on a far link each is a round trip of dead air per part otherwise). Waiters are
 * served in order, except that a retry goes first: a cut part is sent again before new parts start,
 * so confirmed progress stays close to the order of the zip.
 */
export type Release = () => void;

export class Slots {
  private free: number;
  private readonly queue: { front: boolean; wake: (r: Release) => void }[] = [];

  constructor(n: number) {
    this.free = Math.max(1, Math.floor(n));
  }

  /** Resolves with the slot's release (idempotent). `front`: ahead of every waiter that is not. */
  acquire(front = false): Promise<Release> {
    return new Promise((resolve) => {
      const waiter = { front, wake: resolve };
      if (this.free > 0 && this.queue.length === 0) {
        this.free--;
        return resolve(this.releaser());
      }
      if (front) {
        const at = this.queue.findIndex((w) => !w.front);
        this.queue.splice(at < 0 ? this.queue.length : at, 0, waiter);
      } else this.queue.push(waiter);
    });
  }

  private releaser(): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.queue.shift();
      if (next) next.wake(this.releaser());
      else this.free++;
    };
  }
}
