/**
 * What a file is, from its first bytes, not its name: users rename, cameras mislabel and zips carry
 * anything. Also the cheap structural checks that need only a header or a tail.
 */
export type Sniffed =
  | { kind: 'photo'; format: 'jpeg' | 'png' }
  /** An image the cloud does not accept; `name` is the format's own name (the same in every language). */
  | { kind: 'rejected'; what: string; name: string }
  | { kind: 'zip' }
  /** Anything else; `what` names the content for the skip reason, `content` for the catalogues. */
  | { kind: 'other'; what: string; content: OtherContent };

/** What a non-image is, as a code the UI translates (skipped.content_<code>). */
export type OtherContent = 'empty' | 'video' | 'pdf' | 'archive' | 'text' | 'binary';

const ascii = (b: Buffer, start: number, end: number): string => b.toString('latin1', start, end);

const FTYP_IMAGE: Record<string, string> = {
  heic: 'HEIC image',
  heix: 'HEIC image',
  heim: 'HEIC image',
  heis: 'HEIC image',
  hevc: 'HEIC image sequence',
  hevx: 'HEIC image sequence',
  mif1: 'HEIF image',
  msf1: 'HEIF image sequence',
  avif: 'AVIF image',
  avis: 'AVIF image sequence',
  'crx ': 'Canon RAW (CR3) image',
};

/** 'HEIC image sequence' → 'HEIC', 'Canon RAW (CR3) image' → 'Canon RAW (CR3)': the name without the English noun. */
const formatName = (what: string): string => what.replace(/ image( sequence)?$/, '');

export function sniff(head: Buffer): Sniffed {
  const n = head.length;
  if (n === 0) return { kind: 'other', what: 'empty', content: 'empty' };
  if (n >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { kind: 'photo', format: 'jpeg' };
  if (n >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { kind: 'photo', format: 'png' };
  }
  if (n >= 4 && (ascii(head, 0, 4) === 'II*\0' || ascii(head, 0, 4) === 'MM\0*')) {
    return {
      kind: 'rejected',
      what: 'TIFF image (camera RAW files such as CR2, NEF, ARW and DNG are TIFF too)',
      name: 'TIFF',
    };
  }
  if (n >= 4 && (ascii(head, 0, 4) === 'II+\0' || ascii(head, 0, 4) === 'MM\0+'))
    return { kind: 'rejected', what: 'BigTIFF image', name: 'BigTIFF' };
  if (n >= 12 && ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    const image = FTYP_IMAGE[brand];
    if (image !== undefined) return { kind: 'rejected', what: image, name: formatName(image) };
    // Compatible brands may still say it is an image (e.g. major brand 'mif1' variants).
    const boxLen = Math.min(head.readUInt32BE(0), n);
    for (let p = 16; p + 4 <= boxLen; p += 4) {
      const compat = FTYP_IMAGE[ascii(head, p, p + 4)];
      if (compat !== undefined) return { kind: 'rejected', what: compat, name: formatName(compat) };
    }
    return {
      kind: 'other',
      what: brand === 'qt  ' ? 'a QuickTime video' : 'a video or media file (MP4/MOV)',
      content: 'video',
    };
  }
  if (n >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP')
    return { kind: 'rejected', what: 'WebP image', name: 'WebP' };
  if (n >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'AVI ')
    return { kind: 'other', what: 'an AVI video', content: 'video' };
  if (n >= 6 && (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a'))
    return { kind: 'rejected', what: 'GIF image', name: 'GIF' };
  if (n >= 2 && ascii(head, 0, 2) === 'BM') return { kind: 'rejected', what: 'BMP image', name: 'BMP' };
  if (n >= 12 && head.readUInt32BE(0) === 0x0000000c && ascii(head, 4, 8) === 'jP  ')
    return { kind: 'rejected', what: 'JPEG 2000 image', name: 'JPEG 2000' };
  if (n >= 2 && head[0] === 0xff && head[1] === 0x0a)
    return { kind: 'rejected', what: 'JPEG XL image', name: 'JPEG XL' };
  if (n >= 12 && ascii(head, 0, 12) === '\0\0\0\x0cJXL \r\n\x87\n')
    return { kind: 'rejected', what: 'JPEG XL image', name: 'JPEG XL' };
  if (n >= 4 && ascii(head, 0, 4) === 'FUJI')
    return { kind: 'rejected', what: 'Fujifilm RAW (RAF) image', name: 'Fujifilm RAW (RAF)' };
  if (n >= 4 && ascii(head, 0, 4) === 'PK\x03\x04') return { kind: 'zip' };
  if (n >= 4 && (ascii(head, 0, 4) === 'PK\x05\x06' || ascii(head, 0, 4) === 'PK\x07\x08'))
    return { kind: 'zip' };
  if (n >= 5 && ascii(head, 0, 5) === '%PDF-')
    return { kind: 'other', what: 'a PDF document', content: 'pdf' };
  if (n >= 6 && ascii(head, 0, 6) === '7z\xbc\xaf\x27\x1c')
    return { kind: 'other', what: 'a 7-Zip archive', content: 'archive' };
  if (n >= 4 && ascii(head, 0, 4) === 'Rar!')
    return { kind: 'other', what: 'a RAR archive', content: 'archive' };
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b)
    return { kind: 'other', what: 'a gzip archive', content: 'archive' };
  if (looksLikeText(head)) return { kind: 'other', what: 'text', content: 'text' };
  return {
    kind: 'other',
    what: `unknown binary data starting ${head.subarray(0, Math.min(4, n)).toString('hex')}`,
    content: 'binary',
  };
}

function looksLikeText(head: Buffer): boolean {
  const end = Math.min(head.length, 512);
  for (let i = 0; i < end; i++) {
    const c = head[i] ?? 0;
    if (c === 0) return false;
    if (c < 0x09 || (c > 0x0d && c < 0x20)) return false;
  }
  return true;
}

/**
 * A JPEG ends with EOI (FF D9). Some writers pad with zero bytes after it; those are allowed.
 * Anything else at the end means the file was cut short (interrupted copy, full card).
 */
export function jpegLooksTruncated(tail: Buffer): boolean {
  let end = tail.length;
  while (end > 0 && tail[end - 1] === 0) end--;
  return !(end >= 2 && tail[end - 2] === 0xff && tail[end - 1] === 0xd9);
}

/** A PNG ends with the IEND chunk (length 0, 'IEND', fixed CRC AE 42 60 82). */
export function pngLooksTruncated(tail: Buffer): boolean {
  const iend = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
  let end = tail.length;
  while (end > 0 && tail[end - 1] === 0) end--;
  return end < 12 || !tail.subarray(end - 12, end).equals(iend);
}

export type JpegSizeSearch = { width: number; height: number } | { resumeAt: number } | undefined;

/**
 * Walks JPEG segments in `buf`, which holds the file's bytes from offset `bufStart`, beginning at
 * absolute offset `from`. Finds the first SOFn; when the segments run past the buffer (phones put
 * hundreds of KiB of extended XMP or depth maps before it) says where to read next.
 */
export function searchJpegSize(buf: Buffer, bufStart: number, from: number): JpegSizeSearch {
  let p = from - bufStart;
  while (p >= 0 && p + 4 <= buf.length) {
    if (buf[p] !== 0xff) return undefined;
    const marker = buf[p + 1] ?? 0;
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      p += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // image data starts: no SOF seen
    const len = buf.readUInt16BE(p + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (p + 9 > buf.length) return { resumeAt: bufStart + p };
      const height = buf.readUInt16BE(p + 5);
      const width = buf.readUInt16BE(p + 7);
      return width > 0 && height > 0 ? { width, height } : undefined;
    }
    if (len < 2) return undefined;
    p += 2 + len;
  }
  return p >= 0 ? { resumeAt: bufStart + p } : undefined;
}

/** Width/height from the first SOFn segment found in `head`, or undefined if it lies beyond it. */
export function jpegSize(head: Buffer): { width: number; height: number } | undefined {
  const r = searchJpegSize(head, 0, 2);
  return r !== undefined && 'width' in r ? r : undefined;
}

/** Width/height from the IHDR chunk, which the PNG spec puts first. */
export function pngSize(head: Buffer): { width: number; height: number } | undefined {
  if (head.length < 24 || head.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  const width = head.readUInt32BE(16);
  const height = head.readUInt32BE(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}
