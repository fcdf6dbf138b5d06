/**
 * One part's bytes, generated on demand from the plan: local headers (built once the entry's CRC is
 * known), photo data read straight from the sources, then the central directory and end records.
 * Memory per part in flight is a few read chunks; nothing is written to disk.
 */
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { CancelledError, InvalidInputError } from '../errors.js';
import type { BufferPool } from './buffer-pool.js';
import type { CrcStore } from './crc-store.js';
import { computeFileCrc, readEntryRange } from './source-read.js';
import type { PlannedEntry, ZipPlan } from './types.js';
import { centralRecord, endRecords, localHeader, type RecordInput } from './zip-format.js';

export interface PartContext {
  crcs: CrcStore;
  signal?: AbortSignal;
  onBytes?: (n: number) => void;
  /** Read size per fs.read (default 1 MiB). */
  chunkSize?: number;
  /** Reuse read buffers; the consumer must `give()` each chunk back when done with it. */
  pool?: BufferPool;
}

/** Central directory records are small: send them in batches of about this many bytes. */
const CD_BATCH = 64 * 1024;

/**
 * The entry's CRC, shared with every other part that needs it. The computation runs under the signal
 * of whichever part started it: if that part is stopped (cut, paused), the others start it again
 * rather than fail with someone else's cancellation.
 */
export async function entryCrc(pe: PlannedEntry, ctx: PartContext): Promise<number> {
  const opts = { signal: ctx.signal, chunkSize: ctx.chunkSize, pool: ctx.pool };
  for (;;) {
    try {
      return await ctx.crcs.get(pe.entry.archiveName, () => computeFileCrc(pe.entry, opts));
    } catch (err) {
      if (!(err instanceof CancelledError) || ctx.signal?.aborted) throw err;
    }
  }
}

/**
 * Photos up to this size that lie wholly inside the part are read once (CRC + data) and held meanwhile.
 * Small photos only: holding a whole 8–16 MB photo per part in flight cost ~36 MB at 4 parts; a bigger
 * photo is read twice instead (its CRC pass, overlapped with the previous photo's sending, then its
 * data, which the page cache still holds).
 */
export const PRELOAD_MAX = 2 * 1024 * 1024;

function preloadable(pe: PlannedEntry, pos: number, end: number, ctx: PartContext): boolean {
  return (
    pe.entry.source.kind === 'file' &&
    pe.entry.crc32 === undefined &&
    pos <= pe.headerOffset &&
    pe.dataOffset + pe.entry.size <= end &&
    pe.entry.size <= PRELOAD_MAX &&
    ctx.crcs.peek(pe.entry.archiveName) === undefined
  );
}

/**
 * Reads the photo into buffers while computing its CRC (the shared CrcStore learns it). When another
 * part is already computing that CRC, waits for it instead and returns no buffers (data read later).
 */
async function readWhole(
  pe: PlannedEntry,
  ctx: PartContext,
): Promise<{ crc: number; bufs: Buffer[] | null }> {
  let bufs: Buffer[] | null = null;
  const compute = async (): Promise<number> => {
    const got: Buffer[] = [];
    let c = 0;
    for await (const b of readEntryRange(pe.entry, 0, pe.entry.size, ctx)) {
      c = crc32(b, c);
      got.push(b);
    }
    bufs = got;
    return c >>> 0;
  };
  for (;;) {
    try {
      const crc = await ctx.crcs.get(pe.entry.archiveName, compute);
      return { crc, bufs };
    } catch (err) {
      if (!(err instanceof CancelledError) || ctx.signal?.aborted) throw err;
    }
  }
}

function recordInput(pe: PlannedEntry, crc32: number): RecordInput {
  return {
    name: Buffer.from(pe.entry.archiveName, 'utf8'),
    utf8: pe.utf8,
    crc32,
    size: pe.entry.size,
    dosTime: pe.dosTime,
    dosDate: pe.dosDate,
    headerOffset: pe.headerOffset,
  };
}

/** Index of the last element whose key ≤ value (elements sorted by key). */
function lastAtOrBefore<T>(items: T[], value: number, key: (t: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  let ans = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid] as T) <= value) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** Slice of `buf` (which sits at absolute offset `at`) that falls in [pos, end). */
function clip(buf: Buffer, at: number, pos: number, end: number): Buffer {
  return buf.subarray(Math.max(0, pos - at), Math.min(buf.length, end - at));
}

export async function* partChunks(plan: ZipPlan, index: number, ctx: PartContext): AsyncGenerator<Buffer> {
  const part = plan.parts[index];
  if (!part) throw new InvalidInputError(`Part ${index} does not exist (the plan has ${plan.parts.length}).`);
  const { end } = part;
  let pos = part.start;
  const check = (): void => {
    if (ctx.signal?.aborted) throw new CancelledError();
  };

  // Entries: local header + data.
  if (pos < plan.cdOffset) {
    for (
      let i = lastAtOrBefore(plan.entries, pos, (e) => e.headerOffset);
      i < plan.entries.length && pos < end;
      i++
    ) {
      const pe = plan.entries[i] as PlannedEntry;
      check();
      const dataEnd = pe.dataOffset + pe.entry.size;
      if (pos < pe.dataOffset) {
        // A photo that fits whole in this part is read once: CRC and data from the same buffers.
        const whole = preloadable(pe, pos, end, ctx) ? await readWhole(pe, ctx) : null;
        const crc = whole ? whole.crc : await entryCrc(pe, ctx);
        const hdr = localHeader(recordInput(pe, crc));
        const slice = clip(hdr, pe.headerOffset, pos, end);
        pos += slice.length;
        yield slice;
        if (whole?.bufs) {
          for (const buf of whole.bufs) {
            pos += buf.length;
            yield buf;
          }
          continue;
        }
      }
      if (pos < end && pos < dataEnd) {
        // Overlap the next big entry's CRC pass with sending this one's data, so the wire never waits.
        const next = plan.entries[i + 1];
        if (next && next.headerOffset < end && !preloadable(next, next.headerOffset, end, ctx)) {
          entryCrc(next, ctx).catch(() => undefined);
        }
        const to = Math.min(dataEnd, end);
        for await (const buf of readEntryRange(pe.entry, pos - pe.dataOffset, to - pe.dataOffset, ctx)) {
          pos += buf.length;
          yield buf;
        }
      }
    }
  }

  // Central directory: every entry's CRC is needed; most are known by now, the rest are computed in order.
  const cdEnd = plan.cdOffset + plan.cdSize;
  if (pos < end && pos < cdEnd) {
    let batch: Buffer[] = [];
    let batchBytes = 0;
    const first = lastAtOrBefore(plan.entries, pos - plan.cdOffset, (e) => e.cdRecordOffset);
    for (let i = first; i < plan.entries.length && pos < end; i++) {
      const pe = plan.entries[i] as PlannedEntry;
      check();
      const rec = clip(
        centralRecord(recordInput(pe, await entryCrc(pe, ctx))),
        plan.cdOffset + pe.cdRecordOffset,
        pos,
        end,
      );
      pos += rec.length;
      batch.push(rec);
      batchBytes += rec.length;
      if (batchBytes >= CD_BATCH) {
        yield Buffer.concat(batch);
        batch = [];
        batchBytes = 0;
      }
    }
    if (batchBytes > 0) yield Buffer.concat(batch);
  }

  // zip64 end record + locator (when needed) + end of central directory.
  if (pos < end) {
    const tail = endRecords({
      count: plan.entries.length,
      cdOffset: plan.cdOffset,
      cdSize: plan.cdSize,
      zip64EocdOffset: plan.zip64EocdOffset,
    });
    const slice = clip(tail, cdEnd, pos, end);
    pos += slice.length;
    yield slice;
  }
  if (pos !== end)
    throw new Error(`internal: part ${index} produced ${pos - part.start} of ${end - part.start} bytes`);
}

/** The part as a byte stream (backpressure: the next chunk is read only when the consumer wants it). */
export function openPartStream(plan: ZipPlan, index: number, ctx: PartContext): Readable {
  const counted = async function* (): AsyncGenerator<Buffer> {
    for await (const b of partChunks(plan, index, { ...ctx, pool: undefined })) {
      ctx.onBytes?.(b.length);
      yield b;
    }
  };
  return Readable.from(counted(), { objectMode: false, highWaterMark: ctx.chunkSize ?? 1024 * 1024 });
}

/** Size in bytes of part `index`. */
export function partLength(plan: ZipPlan, index: number): number {
  const p = plan.parts[index];
  if (!p) throw new InvalidInputError(`Part ${index} does not exist (the plan has ${plan.parts.length}).`);
  return p.end - p.start;
}
