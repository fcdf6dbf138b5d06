/**
 * An archive judged as a whole before a byte is written: each entry's data must lie inside the file
 * and no two entries may share bytes (the "overlapping entries" zip bomb: many central-directory
 * entries pointing at one compressed block, each under the per-entry ratio cap, 8 GiB from 1 MB), and
 * the total it unpacks to must fit the archive's size, the job's expectation and a hard cap.
 */
import type { ErrorDetailOf } from '../../contract/error-details.js';
export interface EntryExtent {
  name: string;
  /** Where the local header starts. */
  offset: number;
  /** Bytes of the name in the local header (the central directory's length is the best we know). */
  nameBytes: number;
  compressedSize: number;
  uncompressedSize: number;
}

export interface TotalLimits {
  /** Hard cap on the sum of uncompressed sizes. */
  maxTotalBytes: number;
  /** Largest (total uncompressed / archive size). */
  maxTotalRatio: number;
  /** What the job expects at most (e.g. from the download cap); undefined when it has no idea. */
  expectBytes?: number | undefined;
}

const LOCAL_HEADER = 30;

/** What is wrong: English for the log, the detail for the person (main/contract/error-details.ts). */
export interface Problem {
  text: string;
  detail: ErrorDetailOf<'UNSAFE_ARCHIVE'>;
}
const tooLarge = (size: number, limit: number): Problem['detail'] => ({
  detail: 'tooLarge',
  params: { size, limit: Math.floor(limit) },
});

/** Why the layout is unsafe, or undefined. `fileSize` is the archive's size on disk. */
export function layoutProblem(entries: readonly EntryExtent[], fileSize: number): Problem | undefined {
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  let prevEnd = 0;
  let prevName = '';
  for (const e of sorted) {
    // The smallest range the entry can occupy: its local header, its name, its data.
    const end = e.offset + LOCAL_HEADER + e.nameBytes + e.compressedSize;
    if (end > fileSize)
      return {
        text: `an entry "${e.name}" whose data lies outside the archive`,
        detail: { detail: 'outsideData', params: { entry: e.name } },
      };
    if (e.offset < prevEnd)
      return {
        text: `entries "${prevName}" and "${e.name}" that share the same bytes`,
        detail: { detail: 'overlap', params: { entry: prevName, other: e.name } },
      };
    prevEnd = end;
    prevName = e.name;
  }
  return undefined;
}

/** Why the total is too large, or undefined. */
export function totalProblem(
  entries: readonly EntryExtent[],
  fileSize: number,
  limits: TotalLimits,
): Problem | undefined {
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  const byRatio = Math.max(fileSize, 1) * limits.maxTotalRatio;
  const caps: [number, string, Problem['detail']][] = [
    [limits.maxTotalBytes, 'the hard cap', tooLarge(total, limits.maxTotalBytes)],
    [
      byRatio,
      `${limits.maxTotalRatio}× the archive's size`,
      { detail: 'tooLargeRatio', params: { size: total, ratio: limits.maxTotalRatio } },
    ],
  ];
  if (limits.expectBytes !== undefined)
    caps.push([limits.expectBytes, 'what this job expects', tooLarge(total, limits.expectBytes)]);
  for (const [cap, what, detail] of caps) {
    if (total > cap)
      return { text: `would unpack to ${total} bytes, more than ${what} (${Math.floor(cap)} bytes)`, detail };
  }
  return undefined;
}
