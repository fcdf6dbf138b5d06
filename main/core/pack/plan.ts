/**
 * The zip is a pure function of the chosen files: every byte's position is known before the first is
 * sent, so parts can be cut as byte ranges and streamed independently (and resumed) without a temp zip.
 */
// The OpenScan Cloud refuses parts above MAX_PART_SIZE (HTTP 413); the settings obey the same bounds.
import { MAX_PART_SIZE, MIN_PART_SIZE } from '../../contract/schemas.js';
import { InvalidInputError } from '../errors.js';
import type { PackEntry, PlannedEntry, ZipPart, ZipPlan } from './types.js';
import {
  EOCD_SIZE,
  ZIP64_EOCD_SIZE,
  ZIP64_LOCATOR_SIZE,
  centralRecordSize,
  dosDateTime,
  localHeaderSize,
  needsZip64End,
  needsZip64Local,
} from './zip-format.js';

const MiB = 1024 * 1024;

export function validatePartSize(partSize: number): void {
  if (!Number.isSafeInteger(partSize) || partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
    throw new InvalidInputError(
      `Part size ${partSize} is not allowed.`,
      `Use a whole number of bytes from ${MIN_PART_SIZE} (1 MiB) to ${MAX_PART_SIZE} (the cloud's limit).`,
      { detail: 'partSize', params: { min: MIN_PART_SIZE, max: MAX_PART_SIZE } },
    );
  }
}

export function planZip(entries: PackEntry[], opts: { partSize?: number } = {}): ZipPlan {
  const partSize = opts.partSize ?? MAX_PART_SIZE;
  validatePartSize(partSize);
  if (entries.length === 0) throw new InvalidInputError('There are no photos to pack.');

  const seen = new Set<string>();
  const planned: PlannedEntry[] = [];
  let offset = 0;
  let cdSize = 0;
  entries.forEach((entry, index) => {
    const { archiveName, size } = entry;
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new InvalidInputError(`"${archiveName}" has an invalid size (${size}).`);
    }
    if (seen.has(archiveName)) {
      throw new InvalidInputError(
        `Two photos would both be named "${archiveName}" in the zip.`,
        'Name them with assignArchiveNames.',
        { detail: 'sameName', params: { file: archiveName } },
      );
    }
    seen.add(archiveName);
    const nameBytes = Buffer.byteLength(archiveName, 'utf8');
    if (nameBytes === 0 || nameBytes > 0xffff)
      throw new InvalidInputError(
        `The name "${archiveName.slice(0, 80)}…" is empty or too long for a zip.`,
        undefined,
        {
          detail: 'zipName',
          params: { file: archiveName },
        },
      );
    const headerSize = localHeaderSize(nameBytes, size);
    const cdRecordSize = centralRecordSize(nameBytes, size, offset);
    planned.push({
      index,
      entry,
      nameBytes,
      // Bit 11 only when needed, so pure-ASCII zips stay byte-identical to what old tools expect.
      utf8: /[^\x20-\x7e]/.test(archiveName),
      headerOffset: offset,
      headerSize,
      dataOffset: offset + headerSize,
      zip64Local: needsZip64Local(size),
      cdRecordSize,
      cdRecordOffset: cdSize,
      ...dosDateTime(entry.mtimeMs),
    });
    offset += headerSize + size;
    cdSize += cdRecordSize;
  });

  const cdOffset = offset;
  const zip64 = needsZip64End(entries.length, cdOffset, cdSize);
  const zip64EocdOffset = zip64 ? cdOffset + cdSize : null;
  const eocdOffset = cdOffset + cdSize + (zip64 ? ZIP64_EOCD_SIZE + ZIP64_LOCATOR_SIZE : 0);
  const totalSize = eocdOffset + EOCD_SIZE;

  const parts = cutParts(totalSize, partSize);
  return { entries: planned, cdOffset, cdSize, zip64EocdOffset, eocdOffset, totalSize, partSize, parts };
}

/** The zip's bytes cut into parts of `partSize` (the last one shorter): the layout does not depend on it. */
export function cutParts(totalSize: number, partSize: number): ZipPart[] {
  validatePartSize(partSize);
  const parts: ZipPart[] = [];
  for (let start = 0, index = 0; start < totalSize; start += partSize, index++) {
    parts.push({ index, start, end: Math.min(start + partSize, totalSize) });
  }
  return parts;
}

/**
 * The automatic part size depends on the link, not the set. Over a far link (the cloud, as people
 * reach it) a cut connection loses the part it carried (half of one on average) and per-part costs
 * hide behind the round trip, so parts are small: AUTO_PART_SIZE, ~1.6 s of one 5 MB/s connection
 * (4 MiB gained nothing measurable on the flaky-link bench and costs twice the requests, journal lines
 * and links). Over a near link (the server answers within a few ms: same machine or LAN) the round
 * trip is nothing and per-part costs (a request, files opened again, a journal line) show, so parts
 * are large: enough to keep `concurrency` uploads busy for about two rounds, 32–64 MiB.
 * Either way: small sets get smaller parts so `concurrency` uploads stay busy; huge sets larger ones,
 * so createProject's reply (one link per part) stays within AUTO_PARTS_MAX links. Never above `max`.
 */
export const AUTO_PART_SIZE = 8 * MiB;
export const AUTO_PARTS_MAX = 500;

export function choosePartSize(
  totalSize: number,
  opts: { concurrency?: number; max?: number; near?: boolean } = {},
): number {
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 4));
  const max = Math.min(opts.max ?? MAX_PART_SIZE, MAX_PART_SIZE);
  validatePartSize(max);
  const mib = (bytes: number): number => Math.ceil(bytes / MiB) * MiB;
  const forConcurrency = mib(totalSize / (concurrency * 2));
  const forLinks = mib(totalSize / AUTO_PARTS_MAX);
  const size = opts.near
    ? Math.min(Math.max(forConcurrency, 32 * MiB), 64 * MiB)
    : Math.max(Math.min(AUTO_PART_SIZE, forConcurrency), forLinks);
  return Math.max(MIN_PART_SIZE, Math.min(size, max));
}
