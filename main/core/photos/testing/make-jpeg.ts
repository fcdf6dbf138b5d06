/**
 * Test helper: structurally valid baseline JPEG bytes, built by hand (no image library here).
 *
 * The image is a flat grey greyscale picture of any size: one Huffman code of length 1 for DC
 * category 0 and one for AC end-of-block, so every 8×8 block is the two bits `00` and the scan data
 * is all zero bytes. Real decoders accept it; exifr reads its EXIF (Make, Model, DateTimeOriginal).
 */

export interface JpegOptions {
  width: number;
  height: number;
  /** Written as EXIF Make/Model when given. */
  make?: string;
  model?: string;
  /** EXIF DateTimeOriginal, 'YYYY:MM:DD HH:MM:SS'. */
  takenAt?: string;
}

function segment(marker: number, payload: Buffer): Buffer {
  if (payload.length + 2 > 0xffff) throw new Error('JPEG segment too long');
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

interface IfdEntry {
  tag: number;
  type: 2 | 3 | 4; // ASCII, SHORT, LONG
  value: string | number;
}

/** Little-endian TIFF with IFD0 and, when needed, an Exif sub-IFD (tag 0x8769). */
export function makeExifTiff(opts: {
  make?: string;
  model?: string;
  takenAt?: string;
  width?: number;
  height?: number;
}): Buffer {
  const ifd0: IfdEntry[] = [];
  if (opts.make !== undefined) ifd0.push({ tag: 0x010f, type: 2, value: opts.make });
  if (opts.model !== undefined) ifd0.push({ tag: 0x0110, type: 2, value: opts.model });
  const exif: IfdEntry[] = [];
  if (opts.takenAt !== undefined) exif.push({ tag: 0x9003, type: 2, value: opts.takenAt });
  if (opts.width !== undefined) exif.push({ tag: 0xa002, type: 4, value: opts.width });
  if (opts.height !== undefined) exif.push({ tag: 0xa003, type: 4, value: opts.height });
  if (exif.length > 0) ifd0.push({ tag: 0x8769, type: 4, value: 0 }); // patched below

  const ifdSize = (n: number): number => 2 + n * 12 + 4;
  const ifd0Off = 8;
  const exifOff = ifd0Off + ifdSize(ifd0.length);
  let dataOff = exifOff + (exif.length > 0 ? ifdSize(exif.length) : 0);
  const out = Buffer.alloc(4096);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifd0Off, 4);

  const writeIfd = (at: number, entries: IfdEntry[]): void => {
    out.writeUInt16LE(entries.length, at);
    entries.forEach((e, i) => {
      const p = at + 2 + i * 12;
      out.writeUInt16LE(e.tag, p);
      out.writeUInt16LE(e.type, p + 2);
      if (e.type === 2) {
        const bytes = Buffer.from(`${String(e.value)}\0`, 'latin1');
        out.writeUInt32LE(bytes.length, p + 4);
        if (bytes.length <= 4) bytes.copy(out, p + 8);
        else {
          out.writeUInt32LE(dataOff, p + 8);
          bytes.copy(out, dataOff);
          dataOff += bytes.length + (bytes.length % 2); // keep word alignment
        }
      } else {
        out.writeUInt32LE(1, p + 4);
        if (e.type === 3) out.writeUInt16LE(Number(e.value), p + 8);
        else out.writeUInt32LE(e.tag === 0x8769 ? exifOff : Number(e.value), p + 8);
      }
    });
    out.writeUInt32LE(0, at + 2 + entries.length * 12);
  };
  writeIfd(ifd0Off, ifd0);
  if (exif.length > 0) writeIfd(exifOff, exif);
  return out.subarray(0, dataOff);
}

/** Everything up to and including the SOS header; the entropy-coded data and EOI follow. */
export function jpegHeader(opts: JpegOptions): Buffer {
  const parts: Buffer[] = [Buffer.from([0xff, 0xd8])];
  if (opts.make !== undefined || opts.model !== undefined || opts.takenAt !== undefined) {
    const tiff = makeExifTiff({ ...opts });
    parts.push(segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff])));
  }
  // DQT: table 0, all ones.
  parts.push(segment(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)])));
  // SOF0: 8-bit, height, width, 1 component (id 1, 1×1 sampling, table 0).
  const sof = Buffer.alloc(9);
  sof[0] = 8;
  sof.writeUInt16BE(opts.height, 1);
  sof.writeUInt16BE(opts.width, 3);
  sof[5] = 1;
  sof[6] = 1;
  sof[7] = 0x11;
  sof[8] = 0;
  parts.push(segment(0xc0, sof));
  // DHT: DC table 0 and AC table 0, each with one code of length 1 (symbol 0x00).
  const table = (cls: number): Buffer => {
    const counts = Buffer.alloc(16);
    counts[0] = 1;
    return Buffer.concat([Buffer.from([cls << 4]), counts, Buffer.from([0x00])]);
  };
  parts.push(segment(0xc4, Buffer.concat([table(0), table(1)])));
  // SOS: 1 component, id 1, tables 0/0, Ss=0, Se=63, Ah/Al=0.
  parts.push(segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])));
  return Buffer.concat(parts);
}

/** A complete, decodable JPEG: header, 2 zero bits per block (padded with ones), EOI. */
export function makeJpeg(opts: JpegOptions): Buffer {
  const blocks = Math.ceil(opts.width / 8) * Math.ceil(opts.height / 8);
  const bits = blocks * 2;
  const data = Buffer.alloc(Math.ceil(bits / 8), 0);
  const used = bits % 8;
  if (used !== 0) data[data.length - 1] = 0xff >> used; // pad the last byte with 1-bits
  return Buffer.concat([jpegHeader(opts), data, Buffer.from([0xff, 0xd9])]);
}
