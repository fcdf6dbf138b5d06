/**
 * The app icon in every form the platforms want, made from one SVG (main/app/resources/icon.svg) with
 * sharp: icon.png (1024 px, electron-builder's fallback), icons/<n>x<n>.png (Linux), icon.ico
 * (Windows: PNG entries, Vista and later), icon.icns (macOS: PNG entries), and the web favicon
 * (renderer/public/favicon.svg is the same SVG). The outputs are committed; icons.test.ts checks they
 * match the SVG they were made from.
 *
 *   npx tsx main/app/packaging/icons.ts
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const root = path.resolve(import.meta.dirname, '../../..');
export const ICON_DIR = path.join(root, 'main/app/resources');
export const ICON_SVG = path.join(ICON_DIR, 'icon.svg');
export const FAVICON = path.join(root, 'renderer/public/favicon.svg');
export const ICON_STAMP = path.join(ICON_DIR, 'icons.json');

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** macOS icon types holding PNG data, and their pixel sizes. */
export const ICNS_TYPES = [
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
] as const;

export function svgHash(svg: Buffer): string {
  return createHash('sha256').update(svg).digest('hex');
}

export async function renderPng(svg: Buffer, size: number): Promise<Buffer> {
  // A high density first so small sizes are downsampled from a sharp raster, not a blurry one.
  return sharp(svg, { density: Math.max(72, Math.ceil((72 * size) / 64) * 2) })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** ICONDIR + one ICONDIRENTRY per image + the PNGs (a width/height of 0 means 256). */
export function buildIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt8(0, e + 2);
    header.writeUInt8(0, e + 3);
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

/** 'icns' + total length, then per image its type, its length (8 + data) and the PNG. */
export function buildIcns(images: { type: string; png: Buffer }[]): Buffer {
  const parts = images.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

export async function makeIcons(): Promise<string[]> {
  const svg = await fs.readFile(ICON_SVG);
  const cache = new Map<number, Promise<Buffer>>();
  const png = (size: number) => {
    let p = cache.get(size);
    if (!p) cache.set(size, (p = renderPng(svg, size)));
    return p;
  };
  const written: string[] = [];
  const write = async (file: string, data: Buffer | string) => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, data);
    written.push(path.relative(root, file));
  };
  await write(path.join(ICON_DIR, 'icon.png'), await png(1024));
  for (const n of LINUX_SIZES) await write(path.join(ICON_DIR, 'icons', `${n}x${n}.png`), await png(n));
  await write(
    path.join(ICON_DIR, 'icon.ico'),
    buildIco(await Promise.all(ICO_SIZES.map(async (size) => ({ size, png: await png(size) })))),
  );
  await write(
    path.join(ICON_DIR, 'icon.icns'),
    buildIcns(await Promise.all(ICNS_TYPES.map(async ([type, size]) => ({ type, png: await png(size) })))),
  );
  await write(FAVICON, svg);
  await write(ICON_STAMP, `${JSON.stringify({ svgSha256: svgHash(svg) }, null, 2)}\n`);
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  for (const f of await makeIcons()) console.log(f);
}
