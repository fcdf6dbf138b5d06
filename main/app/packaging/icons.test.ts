import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  FAVICON,
  ICNS_TYPES,
  ICON_DIR,
  ICON_STAMP,
  ICON_SVG,
  ICO_SIZES,
  LINUX_SIZES,
  buildIcns,
  buildIco,
  svgHash,
} from './icons.js';

const size = async (png: Buffer) => {
  const m = await sharp(png).metadata();
  return [m.format, m.width, m.height];
};

/** The images of an .ico: [width, height, png] per directory entry (0 means 256). */
function readIco(buf: Buffer): [number, Buffer][] {
  expect([buf.readUInt16LE(0), buf.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: buf.readUInt16LE(4) }, (_, i) => {
    const e = 6 + 16 * i;
    const w = buf.readUInt8(e) || 256;
    expect(buf.readUInt8(e + 1) || 256).toBe(w);
    const len = buf.readUInt32LE(e + 8);
    const at = buf.readUInt32LE(e + 12);
    return [w, buf.subarray(at, at + len)];
  });
}

function readIcns(buf: Buffer): [string, Buffer][] {
  expect(buf.toString('latin1', 0, 4)).toBe('icns');
  expect(buf.readUInt32BE(4)).toBe(buf.length);
  const out: [string, Buffer][] = [];
  for (let at = 8; at < buf.length;) {
    const len = buf.readUInt32BE(at + 4);
    out.push([buf.toString('latin1', at, at + 4), buf.subarray(at + 8, at + len)]);
    at += len;
  }
  return out;
}

describe('app icon', () => {
  it('every committed form was made from the current SVG (run main/app/packaging/icons.ts after editing it)', () => {
    const svg = fs.readFileSync(ICON_SVG);
    expect(JSON.parse(fs.readFileSync(ICON_STAMP, 'utf8'))).toEqual({ svgSha256: svgHash(svg) });
    // The browser's favicon is the same picture.
    expect(fs.readFileSync(FAVICON)).toEqual(svg);
  });

  it('PNG sizes for Linux and the 1024 px fallback are what they say', async () => {
    expect(await size(fs.readFileSync(path.join(ICON_DIR, 'icon.png')))).toEqual(['png', 1024, 1024]);
    for (const n of LINUX_SIZES)
      expect(await size(fs.readFileSync(path.join(ICON_DIR, 'icons', `${n}x${n}.png`)))).toEqual([
        'png',
        n,
        n,
      ]);
  });

  it('icon.ico holds a PNG for every size Windows asks for, 256 included', async () => {
    const images = readIco(fs.readFileSync(path.join(ICON_DIR, 'icon.ico')));
    expect(images.map(([w]) => w)).toEqual([...ICO_SIZES]);
    for (const [w, png] of images) expect(await size(png)).toEqual(['png', w, w]);
  });

  it('icon.icns holds PNGs of the right size per type, up to 1024', async () => {
    const images = readIcns(fs.readFileSync(path.join(ICON_DIR, 'icon.icns')));
    expect(images.map(([t]) => t)).toEqual(ICNS_TYPES.map(([t]) => t));
    for (const [t, png] of images) {
      const px = ICNS_TYPES.find(([x]) => x === t)![1];
      expect(await size(png)).toEqual(['png', px, px]);
    }
  });

  it('the writers round-trip (a broken offset or length would misplace every image after it)', () => {
    const a = Buffer.from('first-png');
    const b = Buffer.from('second');
    expect(
      readIco(
        buildIco([
          { size: 16, png: a },
          { size: 256, png: b },
        ]),
      ),
    ).toEqual([
      [16, a],
      [256, b],
    ]);
    expect(
      readIcns(
        buildIcns([
          { type: 'ic07', png: a },
          { type: 'ic10', png: b },
        ]),
      ),
    ).toEqual([
      ['ic07', a],
      ['ic10', b],
    ]);
  });

  it('electron-builder looks for them where they are (its buildResources folder)', () => {
    const cfg = parse(fs.readFileSync(path.resolve(ICON_DIR, '../../../electron-builder.yml'), 'utf8')) as {
      directories: { buildResources: string };
    };
    expect(path.resolve(ICON_DIR, '../../..', cfg.directories.buildResources)).toBe(ICON_DIR);
  });
});
