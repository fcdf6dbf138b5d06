/** Inputs and outputs of the packer: a set's photos (photos/set.ts) become entries, the entries a ZipPlan. */
import type { PhotoSource } from '../photos/set.js';

export interface PackEntry {
  source: PhotoSource;
  /** Name inside our zip ('/'-separated, unique: see assignArchiveNames). */
  archiveName: string;
  /** Uncompressed size in bytes, as scanned. */
  size: number;
  /** Modification time as scanned; checked again before reading and used for the DOS timestamp. */
  mtimeMs: number;
  /** Known CRC-32 (e.g. from an input zip's central directory); otherwise computed lazily. */
  crc32?: number;
}

/** Where one entry sits in the zip. All offsets are absolute byte offsets in the zip. */
export interface PlannedEntry {
  index: number;
  entry: PackEntry;
  /** Archive name as UTF-8 bytes' length is needed for layout; the name itself is in `entry`. */
  nameBytes: number;
  utf8: boolean;
  /** Local header (incl. name and zip64 extra) starts here... */
  headerOffset: number;
  headerSize: number;
  /** ...and the stored data follows it directly (no data descriptor). */
  dataOffset: number;
  /** True when the local header carries a zip64 extra (size ≥ 0xFFFFFFFF). */
  zip64Local: boolean;
  /** Size of this entry's central directory record. */
  cdRecordSize: number;
  /** Offset of this entry's record inside the central directory. */
  cdRecordOffset: number;
  dosTime: number;
  dosDate: number;
}

export interface ZipPart {
  index: number;
  /** Inclusive start, exclusive end. */
  start: number;
  end: number;
}

export interface ZipPlan {
  entries: PlannedEntry[];
  cdOffset: number;
  cdSize: number;
  /** Present when the archive needs zip64 end records. */
  zip64EocdOffset: number | null;
  eocdOffset: number;
  totalSize: number;
  partSize: number;
  parts: ZipPart[];
}
