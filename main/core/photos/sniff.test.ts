import { describe, expect, it } from 'vitest';
import { makeJpeg } from './testing/make-jpeg.js';
import { makePng } from './testing/make-png.js';
import { jpegLooksTruncated, jpegSize, pngLooksTruncated, pngSize, searchJpegSize, sniff } from './sniff.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('sniff', () => {
  it('knows JPEG and PNG by content', () => {
    expect(sniff(makeJpeg({ width: 16, height: 8 }))).toEqual({ kind: 'photo', format: 'jpeg' });
    expect(sniff(makePng({ width: 4, height: 4 }))).toEqual({ kind: 'photo', format: 'png' });
  });

  it('rejects images the cloud does not take', () => {
    expect(sniff(b('II*\0\x08\0\0\0'))).toMatchObject({
      kind: 'rejected',
      what: expect.stringContaining('TIFF'),
    });
    expect(sniff(b('MM\0*\0\0\0\x08'))).toMatchObject({
      kind: 'rejected',
      what: expect.stringContaining('TIFF'),
    });
    expect(sniff(b('\0\0\0\x18ftypheic\0\0\0\0mif1heic'))).toMatchObject({
      kind: 'rejected',
      what: 'HEIC image',
    });
    expect(sniff(b('\0\0\0\x18ftypmif1\0\0\0\0mif1heic'))).toMatchObject({
      kind: 'rejected',
      what: 'HEIF image',
    });
    expect(sniff(b('RIFF\x10\0\0\0WEBPVP8 '))).toMatchObject({
      kind: 'rejected',
      what: 'WebP image',
      name: 'WebP',
    });
    expect(sniff(b('GIF89a\x01\0\x01\0'))).toMatchObject({ kind: 'rejected', what: 'GIF image' });
  });

  it('names other content for the skip reason', () => {
    expect(sniff(b('hello, I am a text file\n'))).toEqual({ kind: 'other', what: 'text', content: 'text' });
    expect(sniff(b('%PDF-1.7\n'))).toEqual({ kind: 'other', what: 'a PDF document', content: 'pdf' });
    expect(sniff(b('\0\0\0\x18ftypisom\0\0\0\0isomiso2'))).toMatchObject({
      kind: 'other',
      what: expect.stringContaining('video'),
      content: 'video',
    });
    expect(sniff(b('PK\x03\x04rest'))).toEqual({ kind: 'zip' });
    expect(sniff(Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04]))).toMatchObject({
      kind: 'other',
      what: expect.stringContaining('00010203'),
    });
  });
});

describe('truncation', () => {
  it('a JPEG must end with FF D9, trailing zero padding allowed', () => {
    const jpg = makeJpeg({ width: 8, height: 8 });
    expect(jpegLooksTruncated(jpg)).toBe(false);
    expect(jpegLooksTruncated(Buffer.concat([jpg, Buffer.alloc(100)]))).toBe(false);
    expect(jpegLooksTruncated(jpg.subarray(0, jpg.length - 1))).toBe(true);
    expect(jpegLooksTruncated(Buffer.concat([jpg, b('garbage')]))).toBe(true);
  });

  it('a PNG must end with IEND', () => {
    const png = makePng({ width: 3, height: 3 });
    expect(pngLooksTruncated(png)).toBe(false);
    expect(pngLooksTruncated(png.subarray(0, png.length - 5))).toBe(true);
  });
});

describe('dimensions from headers', () => {
  it('reads SOF0 after an EXIF segment', () => {
    expect(jpegSize(makeJpeg({ width: 4000, height: 3000, make: 'Canon', model: 'EOS 5D' }))).toEqual({
      width: 4000,
      height: 3000,
    });
  });
  it('gives up when the SOF lies beyond the head', () => {
    const jpg = makeJpeg({ width: 640, height: 480 });
    expect(jpegSize(jpg.subarray(0, 30))).toBeUndefined();
  });
  it('says where to read next when segments run past the buffer', () => {
    const jpg = makeJpeg({ width: 640, height: 480, make: 'Canon', model: 'EOS' });
    const app1Len = jpg.readUInt16BE(4);
    expect(searchJpegSize(jpg.subarray(0, 10), 0, 2)).toEqual({ resumeAt: 2 + 2 + app1Len });
    const rest = jpg.subarray(4 + app1Len);
    expect(searchJpegSize(rest, 4 + app1Len, 4 + app1Len)).toEqual({ width: 640, height: 480 });
  });
  it('reads PNG IHDR', () => {
    expect(pngSize(makePng({ width: 33, height: 7 }))).toEqual({ width: 33, height: 7 });
  });
});
