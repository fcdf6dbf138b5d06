/**
 * An archive judged as a whole before a byte is written: each entry's data must lie inside the file
 * and no two entries may share bytes (the "overlapping entries" zip bomb: many central-directory
 * entries pointing at one compressed block, each under the per-entry ratio cap, 8 GiB from 1 MB), and
 * the total it unpacks to must fit the archive's size, the job's expectation and a hard cap.
 */
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

/** Why the layout is unsafe, or undefined. `fileSize` is the archive's size on disk. */
export function layoutProblem(entries: readonly EntryExtent[], fileSize: number): string | undefined {
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  let prevEnd = 0;
  let prevName = '';
  for (const e of sorted) {
    // The smallest range the entry can occupy: its local header, its name, its data.
    const end = e.offset + LOCAL_HEADER + e.nameBytes + e.compressedSize;
    if (end > fileSize) return `an entry "${e.name}" whose data lies outside the archive`;
    if (e.offset < prevEnd) return `entries "${prevName}" and "${e.name}" that share the same bytes`;
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
): string | undefined {
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  const byRatio = Math.max(fileSize, 1) * limits.maxTotalRatio;
  const caps: [number, string][] = [
    [limits.maxTotalBytes, 'the hard cap'],
    [byRatio, `${limits.maxTotalRatio}× the archive's size`],
  ];
  if (limits.expectBytes !== undefined) caps.push([limits.expectBytes, 'what this job expects']);
  for (const [cap, what] of caps) {
    if (total > cap) return `would unpack to ${total} bytes, more than ${what} (${Math.floor(cap)} bytes)`;
  }
  return undefined;
}
