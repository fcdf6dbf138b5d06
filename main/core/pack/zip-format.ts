/**
 * Byte-exact zip records for a STORE zip (APPNOTE 6.3.x). Pure functions, no I/O: the planner uses the
 * sizes, the part streamer the bytes. CRC and sizes always sit in the local header (no data
 * descriptors: not every server-side unzipper reads them); zip64 extras only where a field overflows.
 */
const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_EOCD = 0x06054b50;

export const MAX32 = 0xffffffff;
export const MAX16 = 0xffff;
const FLAG_UTF8 = 0x0800;
/** "Made by" Unix (3) so the external attributes below mean rw-r--r-- regular file. */
const HOST_UNIX = 3 << 8;
const EXTERNAL_ATTR = (0o100644 << 16) >>> 0;

export const LOCAL_HEADER_FIXED = 30;
export const CENTRAL_FIXED = 46;
export const ZIP64_EOCD_SIZE = 56;
export const ZIP64_LOCATOR_SIZE = 20;
export const EOCD_SIZE = 22;

export interface RecordInput {
  name: Buffer;
  utf8: boolean;
  crc32: number;
  size: number;
  dosTime: number;
  dosDate: number;
  headerOffset: number;
}

export function needsZip64Local(size: number): boolean {
  return size >= MAX32;
}

export function localHeaderSize(nameBytes: number, size: number): number {
  return LOCAL_HEADER_FIXED + nameBytes + (needsZip64Local(size) ? 20 : 0);
}

function centralExtraSize(size: number, headerOffset: number): number {
  const n = (size >= MAX32 ? 16 : 0) + (headerOffset >= MAX32 ? 8 : 0);
  return n === 0 ? 0 : 4 + n;
}

export function centralRecordSize(nameBytes: number, size: number, headerOffset: number): number {
  return CENTRAL_FIXED + nameBytes + centralExtraSize(size, headerOffset);
}

export function needsZip64End(count: number, cdOffset: number, cdSize: number): boolean {
  return count >= MAX16 || cdOffset >= MAX32 || cdSize >= MAX32;
}

function versionNeeded(zip64: boolean): number {
  return zip64 ? 45 : 20;
}

export function localHeader(r: RecordInput): Buffer {
  const zip64 = needsZip64Local(r.size);
  const b = Buffer.alloc(localHeaderSize(r.name.length, r.size));
  b.writeUInt32LE(SIG_LOCAL, 0);
  b.writeUInt16LE(versionNeeded(zip64), 4);
  b.writeUInt16LE(r.utf8 ? FLAG_UTF8 : 0, 6);
  b.writeUInt16LE(0, 8); // method 0: stored
  b.writeUInt16LE(r.dosTime, 10);
  b.writeUInt16LE(r.dosDate, 12);
  b.writeUInt32LE(r.crc32 >>> 0, 14);
  b.writeUInt32LE(zip64 ? MAX32 : r.size, 18);
  b.writeUInt32LE(zip64 ? MAX32 : r.size, 22);
  b.writeUInt16LE(r.name.length, 26);
  b.writeUInt16LE(zip64 ? 20 : 0, 28);
  r.name.copy(b, 30);
  if (zip64) {
    const e = 30 + r.name.length;
    b.writeUInt16LE(0x0001, e);
    b.writeUInt16LE(16, e + 2);
    b.writeBigUInt64LE(BigInt(r.size), e + 4);
    b.writeBigUInt64LE(BigInt(r.size), e + 12);
  }
  return b;
}

export function centralRecord(r: RecordInput): Buffer {
  const bigSize = r.size >= MAX32;
  const bigOffset = r.headerOffset >= MAX32;
  const extra = centralExtraSize(r.size, r.headerOffset);
  const b = Buffer.alloc(CENTRAL_FIXED + r.name.length + extra);
  b.writeUInt32LE(SIG_CENTRAL, 0);
  b.writeUInt16LE(HOST_UNIX | versionNeeded(extra > 0), 4);
  b.writeUInt16LE(versionNeeded(extra > 0), 6);
  b.writeUInt16LE(r.utf8 ? FLAG_UTF8 : 0, 8);
  b.writeUInt16LE(0, 10);
  b.writeUInt16LE(r.dosTime, 12);
  b.writeUInt16LE(r.dosDate, 14);
  b.writeUInt32LE(r.crc32 >>> 0, 16);
  b.writeUInt32LE(bigSize ? MAX32 : r.size, 20);
  b.writeUInt32LE(bigSize ? MAX32 : r.size, 24);
  b.writeUInt16LE(r.name.length, 28);
  b.writeUInt16LE(extra, 30);
  // comment length, disk number start, internal attributes: all 0 (already zero-filled)
  b.writeUInt32LE(EXTERNAL_ATTR, 38);
  b.writeUInt32LE(bigOffset ? MAX32 : r.headerOffset, 42);
  r.name.copy(b, 46);
  if (extra > 0) {
    let p = 46 + r.name.length;
    b.writeUInt16LE(0x0001, p);
    b.writeUInt16LE(extra - 4, p + 2);
    p += 4;
    // Order is fixed by the spec: uncompressed, compressed, local header offset (only those that overflow).
    if (bigSize) {
      b.writeBigUInt64LE(BigInt(r.size), p);
      b.writeBigUInt64LE(BigInt(r.size), p + 8);
      p += 16;
    }
    if (bigOffset) b.writeBigUInt64LE(BigInt(r.headerOffset), p);
  }
  return b;
}

export interface EndInput {
  count: number;
  cdOffset: number;
  cdSize: number;
  /** Offset of the zip64 EOCD record, or null when not needed. */
  zip64EocdOffset: number | null;
}

/** zip64 EOCD + locator (when needed) + EOCD, as one buffer. */
export function endRecords(e: EndInput): Buffer {
  const z = e.zip64EocdOffset !== null;
  const b = Buffer.alloc((z ? ZIP64_EOCD_SIZE + ZIP64_LOCATOR_SIZE : 0) + EOCD_SIZE);
  let p = 0;
  if (z) {
    b.writeUInt32LE(SIG_ZIP64_EOCD, 0);
    b.writeBigUInt64LE(BigInt(ZIP64_EOCD_SIZE - 12), 4);
    b.writeUInt16LE(HOST_UNIX | 45, 12);
    b.writeUInt16LE(45, 14);
    // disk numbers (16, 20) stay 0
    b.writeBigUInt64LE(BigInt(e.count), 24);
    b.writeBigUInt64LE(BigInt(e.count), 32);
    b.writeBigUInt64LE(BigInt(e.cdSize), 40);
    b.writeBigUInt64LE(BigInt(e.cdOffset), 48);
    b.writeUInt32LE(SIG_ZIP64_LOCATOR, 56);
    b.writeBigUInt64LE(BigInt(e.zip64EocdOffset ?? 0), 64);
    b.writeUInt32LE(1, 72);
    p = ZIP64_EOCD_SIZE + ZIP64_LOCATOR_SIZE;
  }
  b.writeUInt32LE(SIG_EOCD, p);
  const count = z ? Math.min(e.count, MAX16) : e.count;
  b.writeUInt16LE(z && e.count >= MAX16 ? MAX16 : count, p + 8);
  b.writeUInt16LE(z && e.count >= MAX16 ? MAX16 : count, p + 10);
  b.writeUInt32LE(z && e.cdSize >= MAX32 ? MAX32 : e.cdSize, p + 12);
  b.writeUInt32LE(z && e.cdOffset >= MAX32 ? MAX32 : e.cdOffset, p + 16);
  return b;
}

/** Fixed, timezone-free DOS timestamp: the mtime's UTC fields, clamped to the DOS range (1980–2107). */
export function dosDateTime(mtimeMs: number): { dosTime: number; dosDate: number } {
  const d = new Date(Number.isFinite(mtimeMs) ? mtimeMs : 0);
  let year = d.getUTCFullYear();
  if (year < 1980) return { dosTime: 0, dosDate: (0 << 9) | (1 << 5) | 1 };
  if (year > 2107) year = 2107;
  const dosDate = ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  const dosTime = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
  return { dosTime, dosDate };
}
