/**
 * A far, flaky uplink between a client and a server, as a TCP proxy on loopback: a round trip of
 * `rttMs` (half each way, plus one round trip to "open" each connection), at most `connBytesPerSec`
 * per connection and `linkBytesPerSec` over all of them (uploads; replies are only delayed), and
 * connections cut at random (an RST to both sides) on average once per `cutEveryBytes` sent up.
 * Several proxies (one per server) can share one link. Seeded, so a run's cuts can be repeated.
 * Not emulated: TCP slow start (a new connection gets its full rate at once) and loss other than cuts.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface LinkProfile {
  rttMs: number;
  connBytesPerSec: number;
  linkBytesPerSec: number;
  /** Mean bytes sent up between two cuts (0: never cut). */
  cutEveryBytes: number;
  /** Uniform [0, 1): the cut decisions. */
  random: () => number;
}

export interface FarLink {
  profile: LinkProfile;
  connections: number;
  cuts: number;
  bytesUp: number;
  /** Connections with bytes waiting for their share of the link. */
  senders: Set<Sender>;
  tokens: number;
  lastTick: number;
  timer?: NodeJS.Timeout;
  turn: number;
}

export function createLink(profile: LinkProfile): FarLink {
  return {
    profile,
    connections: 0,
    cuts: 0,
    bytesUp: 0,
    senders: new Set(),
    tokens: 0,
    lastTick: 0,
    turn: 0,
  };
}

export interface FarProxy {
  url: string;
  close(): Promise<void>;
}

/** Bytes the proxy holds for one direction before it stops reading (like a TCP window). */
const WINDOW = 512 * 1024;
/** The pacing clock: every few ms each connection and the link earn their bytes (token buckets). */
const TICK_MS = 4;
const BURST_MS = 50;

/** A delay line: bytes come out `delay` after they went in, in order. */
function delayLine(dst: net.Socket, onDrained: () => void) {
  const queue: { chunk: Buffer; at: number }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let held = 0;
  const deliver = (): void => {
    timer = undefined;
    const now = Date.now();
    while (queue.length > 0 && (queue[0] as { at: number }).at <= now) {
      const { chunk } = queue.shift() as { chunk: Buffer };
      held -= chunk.length;
      if (!dst.destroyed) dst.write(chunk);
    }
    onDrained();
    schedule();
  };
  // One timer for the line: separate timers of different delays may fire out of order.
  const schedule = (): void => {
    const head = queue[0];
    if (!head || timer) return;
    timer = setTimeout(deliver, Math.max(0, head.at - Date.now()));
  };
  return {
    held: () => held,
    lastAt: () => queue.at(-1)?.at ?? 0,
    push(chunk: Buffer, at: number): void {
      held += chunk.length;
      queue.push({ chunk, at: Math.max(at, queue.at(-1)?.at ?? 0) });
      schedule();
    },
    stop(): void {
      clearTimeout(timer);
      queue.length = 0;
    },
  };
}

interface Sender {
  pending: Buffer[];
  pendingBytes: number;
  tokens: number;
  send(chunk: Buffer): void;
}

function tick(link: FarLink): void {
  const p = link.profile;
  const now = Date.now();
  const dt = Math.max(0, now - link.lastTick);
  link.lastTick = now;
  link.tokens = Math.min(
    link.tokens + (p.linkBytesPerSec * dt) / 1000,
    (p.linkBytesPerSec * BURST_MS) / 1000,
  );
  const senders = [...link.senders];
  // Start with a different connection each tick, so none gets the link first every time.
  link.turn = (link.turn + 1) % Math.max(1, senders.length);
  for (let k = 0; k < senders.length; k++) {
    const s = senders[(link.turn + k) % senders.length] as Sender;
    s.tokens = Math.min(s.tokens + (p.connBytesPerSec * dt) / 1000, (p.connBytesPerSec * BURST_MS) / 1000);
    while (s.pending.length > 0 && s.tokens >= 1 && link.tokens >= 1) {
      const head = s.pending[0] as Buffer;
      const n = Math.min(head.length, Math.floor(s.tokens), Math.floor(link.tokens));
      s.tokens -= n;
      link.tokens -= n;
      s.pendingBytes -= n;
      if (n === head.length) s.pending.shift();
      else s.pending[0] = head.subarray(n);
      s.send(head.subarray(0, n));
    }
    if (s.pending.length === 0) link.senders.delete(s);
  }
  if (link.senders.size === 0) {
    clearInterval(link.timer);
    link.timer = undefined;
  }
}

/** One direction of one connection: paced (uploads only), delayed, in order. */
function pipe(
  src: net.Socket,
  dst: net.Socket,
  opts: { link: FarLink; up: boolean; openAt: number; onCut: () => void },
): () => void {
  const { link } = opts;
  const p = link.profile;
  const resumeIfRoom = (): void => {
    if (sender.pendingBytes + line.held() <= WINDOW && src.isPaused() && !src.destroyed) src.resume();
  };
  const line = delayLine(dst, resumeIfRoom);
  const sender: Sender = {
    pending: [],
    pendingBytes: 0,
    tokens: 0,
    // Nothing leaves before the handshake's round trip is over, then it takes half a round trip.
    send: (chunk) => line.push(chunk, Math.max(Date.now(), opts.openAt) + p.rttMs / 2),
  };
  src.on('data', (chunk: Buffer) => {
    if (!opts.up) {
      line.push(chunk, Math.max(Date.now(), opts.openAt) + p.rttMs / 2);
      return;
    }
    link.bytesUp += chunk.length;
    if (p.cutEveryBytes > 0 && p.random() < chunk.length / p.cutEveryBytes) {
      opts.onCut();
      return;
    }
    sender.pending.push(chunk);
    sender.pendingBytes += chunk.length;
    if (sender.pendingBytes + line.held() > WINDOW) src.pause();
    link.senders.add(sender);
    if (!link.timer) {
      link.lastTick = Date.now();
      link.timer = setInterval(() => tick(link), TICK_MS);
    }
  });
  src.on('end', () => {
    const waitEnd = (): void => {
      if (sender.pending.length > 0) return void setTimeout(waitEnd, TICK_MS);
      setTimeout(() => dst.end(), Math.max(0, line.lastAt() - Date.now()) + 5);
    };
    waitEnd();
  });
  return () => {
    line.stop();
    link.senders.delete(sender);
  };
}

/** A proxy in front of `target` (http://host:port) over `link`. */
export async function startFarProxy(target: string, link: FarLink): Promise<FarProxy> {
  const t = new URL(target);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    link.connections++;
    const upstream = net.connect(Number(t.port), t.hostname);
    sockets.add(client).add(upstream);
    // Opening a connection costs a round trip (SYN, SYN-ACK) before the first byte leaves the client,
    // which then takes half a round trip to arrive: a request reaches the server 1.5 RTT after connect.
    const openAt = Date.now() + link.profile.rttMs;
    let cut = false;
    const onCut = (): void => {
      if (cut) return;
      cut = true;
      link.cuts++;
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    };
    const end = (): void => {
      stopUp();
      stopDown();
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    const stopUp = pipe(client, upstream, { link, up: true, openAt, onCut });
    const stopDown = pipe(upstream, client, { link, up: false, openAt, onCut });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * What the emulated link delivers on this machine now: `conns` raw TCP streams, `bytes` in all, through
 * a proxy of `profile` without cuts, in MB/s. On a loaded machine the proxy's pacing clock runs late and
 * the link gives less than its rate: this tells that apart from the client's own overhead.
 */
export async function measureLinkRate(
  profile: Omit<LinkProfile, 'cutEveryBytes' | 'random'>,
  bytes: number,
  conns = 4,
): Promise<number> {
  let got = 0;
  let done!: () => void;
  const all = new Promise<void>((r) => (done = r));
  const sink = net.createServer((s) =>
    s.on('data', (c: Buffer) => {
      got += c.length;
      if (got >= bytes) done();
    }),
  );
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const link = createLink({ ...profile, cutEveryBytes: 0, random: () => 1 });
  const proxy = await startFarProxy(`http://127.0.0.1:${(sink.address() as AddressInfo).port}`, link);
  const port = Number(new URL(proxy.url).port);
  const chunk = Buffer.alloc(256 * 1024);
  const sockets: net.Socket[] = [];
  const t0 = performance.now();
  for (let i = 0; i < conns; i++) {
    const s = net.connect(port, '127.0.0.1');
    sockets.push(s);
    let sent = 0;
    const pump = (): void => {
      while (sent < bytes / conns) {
        sent += chunk.length;
        if (!s.write(chunk)) return void s.once('drain', pump);
      }
    };
    pump();
  }
  await all;
  const seconds = (performance.now() - t0) / 1000;
  for (const s of sockets) s.destroy();
  await proxy.close();
  await new Promise<void>((r) => sink.close(() => r()));
  return bytes / 1e6 / seconds;
}
