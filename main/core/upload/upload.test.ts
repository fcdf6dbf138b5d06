import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BadRequestError,
  CancelledError,
  HashMismatchError,
  NetworkError,
  SourceChangedError,
} from '../errors.js';
import { ConnectionCutError } from '../net/cut.js';
import { contentHash } from '../pack/content-hash.js';
import { CrcStore } from '../pack/crc-store.js';
import { planZip } from '../pack/plan.js';
import { makeFiles, tempDir, wholeZip } from '../pack/testing/fixtures.js';
import type { PackEntry, ZipPlan } from '../pack/types.js';
import { hasTool } from '../testing/require-tool.js';
import { UploadController } from './controller.js';
import type { UploadProgress } from './progress.js';
import { startSink, type Sink, type SinkOptions } from './testing/sink.js';
import { burstBytes } from './throttle.js';
import { uploadPart } from './upload-part.js';
import { uploadParts, type UploadPartsArgs } from './upload-parts.js';

const MiB = 1024 * 1024;
const hasUnzip = hasTool('unzip', ['-v']);
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.map((c) => c()));
  cleanups = [];
});

interface Fixture {
  dir: string;
  entries: PackEntry[];
  plan: ZipPlan;
  sink: Sink;
  urls: string[];
}

async function setup(
  sinkOpts: SinkOptions = {},
  sizes = [1.5 * MiB, 2 * MiB + 3, 100_000, 1.2 * MiB],
): Promise<Fixture> {
  const t = await tempDir('sb-upload-');
  cleanups.push(t.cleanup);
  const entries = await makeFiles(
    t.dir,
    sizes.map((size, i) => ({ name: `IMG_${i}.jpg`, size: Math.floor(size) })),
  );
  const plan = planZip(entries, { partSize: MiB });
  const sink = await startSink({ keep: true, ...sinkOpts });
  cleanups.push(() => sink.close());
  return { dir: t.dir, entries, plan, sink, urls: plan.parts.map((p) => sink.url(`part${p.index + 1}`)) };
}

function run(f: Fixture, extra: Partial<UploadPartsArgs> = {}) {
  const done = new Map<number, string>();
  const progress: UploadProgress[] = [];
  const promise = uploadParts({
    plan: f.plan,
    urls: f.urls,
    crcs: new CrcStore(),
    concurrency: 3,
    retryBaseMs: 5,
    retryMaxMs: 20,
    onPartDone: async (i, h) => {
      done.set(i, h);
    },
    onProgress: (p) => progress.push(p),
    ...extra,
  });
  return { promise, done, progress };
}

function assembled(f: Fixture): Buffer {
  return Buffer.concat(f.plan.parts.map((p) => f.sink.received.get(`part${p.index + 1}`) ?? Buffer.alloc(0)));
}

describe('uploadPart', () => {
  it('sends exactly the part with its Content-Length and checks the content hash', async () => {
    const f = await setup();
    const r = await uploadPart({ url: f.urls[1]!, plan: f.plan, index: 1, crcs: new CrcStore() });
    expect(r.bytes).toBe(MiB);
    expect(r.contentHash).toBe(f.sink.hashes.get('part2'));
    const zip = await wholeZip(f.plan);
    expect(f.sink.received.get('part2')!.equals(zip.subarray(MiB, 2 * MiB))).toBe(true);
  });

  it('detects a server that reports a different content hash', async () => {
    const f = await setup({ behave: () => 'lie' });
    await expect(
      uploadPart({ url: f.urls[0]!, plan: f.plan, index: 0, crcs: new CrcStore() }),
    ).rejects.toBeInstanceOf(HashMismatchError);
  });

  it('accepts a reply without a hash, or with one of another form, as unverified', async () => {
    for (const behave of ['nohash', 'otherhash'] as const) {
      const f = await setup({ behave: () => behave });
      const r = await uploadPart({ url: f.urls[0]!, plan: f.plan, index: 0, crcs: new CrcStore() });
      expect(r.verified).toBe(false);
      expect(r.contentHash).toBe(f.sink.hashes.get('part1'));
    }
    const f = await setup();
    expect(
      (await uploadPart({ url: f.urls[0]!, plan: f.plan, index: 0, crcs: new CrcStore() })).verified,
    ).toBe(true);
  });

  it('aborts a stalled upload after the idle timeout', async () => {
    const f = await setup({ behave: () => 'stall' }, [6 * MiB]);
    const t0 = Date.now();
    const err = await uploadPart({
      url: f.urls[0]!,
      plan: f.plan,
      index: 0,
      crcs: new CrcStore(),
      idleTimeoutMs: 300,
      replyTimeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).code).toBe('TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('gives the server a separate, longer time to reply once the part is sent', async () => {
    const f = await setup({ behave: () => 'noreply' });
    const args = {
      url: f.urls[0]!,
      plan: f.plan,
      index: 0,
      crcs: new CrcStore(),
      idleTimeoutMs: 100,
      replyTimeoutMs: 600,
    };
    const t0 = Date.now();
    const err = await uploadPart(args).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(550);
    expect(f.sink.bytesReceived()).toBe(MiB);
  });

  it('maps 404/410 to an expired link, 413 to a clear non-retryable error, 5xx to retryable', async () => {
    const status: Record<string, number> = { part1: 410, part2: 413, part3: 503, part4: 404 };
    const f = await setup({ behave: (l) => ({ status: status[l] ?? 500, body: '{"error":"nope"}' }) });
    type E = Error & { code: string; retryable: boolean };
    const up = (i: number): Promise<E> =>
      uploadPart({ url: f.urls[i]!, plan: f.plan, index: i, crcs: new CrcStore() }).then(
        () => new Error('expected a failure') as E,
        (e: unknown) => e as E,
      );
    expect((await up(0)).code).toBe('LINK_EXPIRED');
    const e413 = await up(1);
    expect(e413).toBeInstanceOf(BadRequestError);
    expect(e413.message).toMatch(/too large/);
    expect(e413.retryable).toBe(false);
    expect(await up(2)).toMatchObject({ code: 'SERVER', retryable: true });
    const e404 = await up(3);
    expect(e404.code, e404.message).toBe('LINK_EXPIRED');
  });

  it('still uploads to a server that ignores Expect: 100-continue (after a short wait)', async () => {
    const f = await setup({ ignoreExpect: true });
    const seen: boolean[] = [];
    const r = await uploadPart({
      url: f.urls[0]!,
      plan: f.plan,
      index: 0,
      crcs: new CrcStore(),
      expectContinueMs: 100,
      onContinue: (s) => seen.push(s),
    });
    expect(r.contentHash).toBe(f.sink.hashes.get('part1'));
    expect(seen).toEqual([false]);
  });
});

describe('uploadParts', () => {
  it('uploads every part; the parts form the planned zip (unzip -t), journaled before announced', async () => {
    const f = await setup();
    const { promise, done, progress } = run(f);
    const r = await promise;
    expect(r.partsSent).toBe(f.plan.parts.length);
    expect(r.bytesSent).toBe(f.plan.totalSize);
    const zip = assembled(f);
    expect(zip.equals(await wholeZip(f.plan))).toBe(true);
    for (const [i, h] of done) expect(h).toBe(contentHash(f.sink.received.get(`part${i + 1}`)!));
    const last = progress.at(-1)!;
    expect(last).toMatchObject({
      bytesDone: f.plan.totalSize,
      bytesTotal: f.plan.totalSize,
      partsDone: f.plan.parts.length,
    });
    if (hasUnzip) {
      await writeFile(join(f.dir, 'got.zip'), zip);
      expect(execFileSync('unzip', ['-t', join(f.dir, 'got.zip')]).toString()).toMatch(/No errors detected/);
    }
  });

  it('survives cut connections and 5xx bursts with retries, same bytes as a clean run', async () => {
    const f = await setup({
      behave: (l, a) =>
        a === 1 && l !== 'part2' ? 'cut' : a === 2 && l === 'part1' ? { status: 502 } : 'ok',
    });
    const retries: number[] = [];
    const { promise, progress } = run(f, { onRetry: ({ index }) => retries.push(index) });
    await promise;
    expect(assembled(f).equals(await wholeZip(f.plan))).toBe(true);
    expect(retries.length).toBe(f.plan.parts.length - 1 + 1);
    // Progress never exceeds the total even though cut parts were partly sent twice.
    expect(Math.max(...progress.map((p) => p.bytesDone))).toBeLessThanOrEqual(f.plan.totalSize);
  });

  it('retries a cut part at once, and backs off only from its second failure', async () => {
    const f = await setup({ behave: (l, a) => (l === 'part1' && a <= 2 ? 'cut' : 'ok') });
    const waits: { index: number; attempt: number; delayMs: number; cut: boolean }[] = [];
    const { promise } = run(f, {
      retryBaseMs: 400,
      retryMaxMs: 400,
      onRetry: ({ index, attempt, delayMs, error }) =>
        waits.push({ index, attempt, delayMs, cut: error instanceof ConnectionCutError }),
    });
    await promise;
    expect(waits.map((w) => [w.index, w.attempt, w.cut])).toEqual([
      [0, 1, true],
      [0, 2, true],
    ]);
    expect(waits[0]!.delayMs).toBe(0);
    expect(waits[1]!.delayMs).toBeLessThan(400);
    expect(assembled(f).equals(await wholeZip(f.plan))).toBe(true);
  });

  it('starts the next part while the previous one waits for its reply', async () => {
    let secondArrived!: () => void;
    const arrived = new Promise<void>((r) => (secondArrived = r));
    let secondBeforeFirstReply: boolean | undefined;
    const f = await setup({
      behave: (l) => {
        if (l === 'part2') secondArrived();
        return 'ok';
      },
      // Part 1's reply waits for part 2's request (or gives up after 3 s, when part 2 waits for it).
      holdReply: async (l) => {
        if (l !== 'part1') return;
        secondBeforeFirstReply = await Promise.race([
          arrived.then(() => true),
          new Promise<boolean>((r) => setTimeout(() => r(false), 3000)),
        ]);
      },
    });
    await run(f, { concurrency: 1 }).promise;
    expect(secondBeforeFirstReply).toBe(true);
    expect(assembled(f).equals(await wholeZip(f.plan))).toBe(true);
  });

  it('sends no more than twice the concurrency while replies are outstanding (a server that never answers)', async () => {
    // Every body is taken and never answered: with one sending slot, parts 1 and 2 go out and wait for a
    // reply; part 3 may only start once one of them is answered or given up. Part 1 is given up (reply
    // timeout, no retries) and the upload stops in that same turn of the event loop, before a new
    // request could reach the wire.
    const f = await setup({ holdReply: () => new Promise<void>(() => undefined) });
    expect(f.plan.parts.length).toBeGreaterThan(3);
    const err = await run(f, { concurrency: 1, replyTimeoutMs: 1000, retries: 0 }).promise.catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'TIMEOUT' });
    expect([...f.sink.attempts.keys()].sort()).toEqual(['part1', 'part2']);
  });

  it('gives up after the retries with the last error', async () => {
    const f = await setup({ behave: () => 'cut' });
    const { promise } = run(f, { retries: 2 });
    await expect(promise).rejects.toBeInstanceOf(NetworkError);
    expect(Math.max(...f.sink.attempts.values())).toBe(3);
  });

  it('renews expired links once and carries on', async () => {
    const f = await setup({
      behave: (l) => (l.startsWith('old') ? { status: 410, body: '{"error":"upload link expired"}' } : 'ok'),
    });
    let renewals = 0;
    const urls = f.plan.parts.map((p) => f.sink.url(`old${p.index + 1}`));
    const { promise } = run(f, {
      urls,
      renewUrls: async () => {
        renewals++;
        return f.urls;
      },
    });
    await promise;
    expect(renewals).toBe(1);
    expect(assembled(f).equals(await wholeZip(f.plan))).toBe(true);
  });

  it('retries without Expect: 100-continue after a 417 from a proxy', async () => {
    const f = await setup({ behave: (_l, a) => (a === 1 ? { status: 417 } : 'ok') });
    await run(f, { concurrency: 1 }).promise;
    expect(f.sink.attempts.get('part1')).toBe(2);
    expect(assembled(f).equals(await wholeZip(f.plan))).toBe(true);
  });

  it('does not retry a part the server refuses as too large', async () => {
    const f = await setup({ behave: () => ({ status: 413 }) });
    await expect(run(f).promise).rejects.toBeInstanceOf(BadRequestError);
    expect(Math.max(...f.sink.attempts.values())).toBe(1);
  });

  it('skips confirmed parts and reports them as done from the start', async () => {
    const f = await setup();
    const { promise, progress } = run(f, { skip: new Set([0, 2]) });
    const r = await promise;
    expect(r.partsSent).toBe(f.plan.parts.length - 2);
    expect(f.sink.attempts.has('part1')).toBe(false);
    expect(f.sink.attempts.has('part3')).toBe(false);
    expect(progress[0]!.bytesDone).toBeGreaterThanOrEqual(2 * MiB);
  });

  it('a photo that changes mid-upload stops the upload with SourceChangedError, not retried', async () => {
    const f = await setup({}, [1.5 * MiB, 3 * MiB]);
    const path = (f.entries[1]!.source as { path: string }).path;
    const { promise } = run(f, {
      concurrency: 1,
      maxRateBytesPerSec: 8 * MiB,
      onPartDone: async (i) => {
        if (i === 0) await utimes(path, new Date(), new Date(Date.now() + 60_000));
      },
    });
    await expect(promise).rejects.toBeInstanceOf(SourceChangedError);
    expect(f.sink.hashes.has(`part${f.plan.parts.length}`)).toBe(false);
  });

  it('pause stops all traffic, resume finishes; cancel rejects with CancelledError', async () => {
    const f = await setup();
    const controller = new UploadController();
    const { promise } = run(f, { controller, maxRateBytesPerSec: 4 * MiB, concurrency: 2 });
    while (f.sink.bytesReceived() === 0) await new Promise((r) => setTimeout(r, 10));
    await controller.pause();
    // Bytes already in the kernel's socket buffers may still trickle in; then nothing moves.
    await new Promise((r) => setTimeout(r, 100));
    const before = f.sink.bytesReceived();
    const attempts = [...f.sink.attempts.values()].reduce((a, b) => a + b, 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(f.sink.bytesReceived()).toBe(before);
    expect([...f.sink.attempts.values()].reduce((a, b) => a + b, 0)).toBe(attempts);
    controller.resume();
    await promise;
    expect(assembled(f).equals(await wholeZip(f.plan))).toBe(true);

    const g = await setup();
    const ac = new AbortController();
    const c = run(g, { signal: ac.signal, maxRateBytesPerSec: 4 * MiB });
    while (g.sink.bytesReceived() === 0) await new Promise((r) => setTimeout(r, 10));
    ac.abort();
    await expect(c.promise).rejects.toBeInstanceOf(CancelledError);
    await new Promise((r) => setTimeout(r, 100));
    const after = g.sink.bytesReceived();
    const tries = [...g.sink.attempts.values()].reduce((a, b) => a + b, 0);
    await new Promise((r) => setTimeout(r, 200));
    expect(g.sink.bytesReceived()).toBe(after);
    expect([...g.sink.attempts.values()].reduce((a, b) => a + b, 0)).toBe(tries);
    expect(c.done.size).toBeLessThan(g.plan.parts.length);
  });

  it('reuses keep-alive sockets without stalling (the request is ended even when the reply wins the race)', async () => {
    const f = await setup();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(async () => agent.destroy());
    const t0 = Date.now();
    await run(f, { agent, concurrency: 1 }).promise;
    // A socket never handed back to the agent costs the server's 5 s keep-alive timeout per part.
    expect(Date.now() - t0).toBeLessThan(4000);
    expect(assembled(f).equals(await wholeZip(f.plan))).toBe(true);
  });

  it('keeps to the bandwidth cap', async () => {
    const f = await setup({}, [3 * MiB]);
    const t0 = Date.now();
    await run(f, { maxRateBytesPerSec: 8 * MiB }).promise;
    // 3 MiB at 8 MiB/s with a 0.2 s burst allowance: at least ~0.15 s.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
  });

  it('never overshoots the cap at the start: bytes at the sink stay under rate·t + one burst', async () => {
    const f = await setup({}, [1.5 * MiB, 1.2 * MiB]);
    const rate = 4 * MiB;
    const burst = burstBytes(rate);
    const samples: { t: number; bytes: number }[] = [];
    const t0 = performance.now();
    const timer = setInterval(() => samples.push({ t: performance.now(), bytes: f.sink.bytesReceived() }), 5);
    try {
      await run(f, { maxRateBytesPerSec: rate, concurrency: 3 }).promise;
    } finally {
      clearInterval(timer);
    }
    samples.push({ t: performance.now(), bytes: f.sink.bytesReceived() });
    // Timer jitter and event-loop lag on a busy machine: allow 40 ms worth of bytes on top of the burst.
    const slack = burst + rate * 0.04;
    for (const s of samples) expect(s.bytes).toBeLessThanOrEqual(rate * ((s.t - t0) / 1000) + slack);
    // Measured from the first byte on (the old cap sent nothing for a while, then 1 MiB lumps): the
    // same bound, anchored where the bytes start.
    const first = samples.find((s) => s.bytes > 0)!;
    const last = samples.at(-1)!;
    expect(last.bytes).toBe(f.plan.totalSize);
    // (Lag before the first sample counts here, unlike above: allow 100 ms of it.)
    expect(last.bytes - first.bytes).toBeLessThanOrEqual(rate * ((last.t - first.t + 100) / 1000) + burst);
  });
});
