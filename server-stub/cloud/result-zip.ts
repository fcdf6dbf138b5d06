/**
 * The "reconstruction" the stub hands back: a real, small textured mesh (a cube with UVs and normals,
 * an MTL naming a PNG texture, and that PNG), zipped with yazl so clients exercise real zip reading.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { crc32, deflateSync } from 'node:zlib';
import yazl from 'yazl';

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** An 8-bit RGB PNG of a checkerboard, built by hand (signature, IHDR, IDAT, IEND). */
export function checkerboardPng(size = 64, cells = 8): Buffer {
  const rowBytes = 1 + size * 3; // filter byte + RGB
  const raw = Buffer.alloc(rowBytes * size);
  const cell = Math.max(1, Math.floor(size / cells));
  for (let y = 0; y < size; y++) {
    raw[y * rowBytes] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const dark = (Math.floor(x / cell) + Math.floor(y / cell)) % 2 === 0;
      const o = y * rowBytes + 1 + x * 3;
      raw[o] = dark ? 40 : 230;
      raw[o + 1] = dark ? 90 : 200;
      raw[o + 2] = dark ? 160 : 120;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A unit cube: 8 vertices, 4 UVs, 6 normals, 12 triangles as v/vt/vn. */
export function cubeObj(project: string): string {
  const lines = [
    `# ScanBridge server-stub result for ${project.replace(/[\r\n]/g, ' ')}`,
    'mtllib model.mtl',
    'o model',
  ];
  const v = [
    [-0.5, -0.5, -0.5],
    [0.5, -0.5, -0.5],
    [0.5, 0.5, -0.5],
    [-0.5, 0.5, -0.5],
    [-0.5, -0.5, 0.5],
    [0.5, -0.5, 0.5],
    [0.5, 0.5, 0.5],
    [-0.5, 0.5, 0.5],
  ];
  for (const p of v) lines.push(`v ${p.join(' ')}`);
  lines.push('vt 0 0', 'vt 1 0', 'vt 1 1', 'vt 0 1');
  const normals = [
    [0, 0, -1],
    [0, 0, 1],
    [0, -1, 0],
    [0, 1, 0],
    [-1, 0, 0],
    [1, 0, 0],
  ];
  for (const n of normals) lines.push(`vn ${n.join(' ')}`);
  lines.push('usemtl texture', 's off');
  // Each face as a quad of 1-based vertex indices, counter-clockwise seen from outside.
  const faces = [
    [1, 4, 3, 2],
    [5, 6, 7, 8],
    [1, 2, 6, 5],
    [4, 8, 7, 3],
    [1, 5, 8, 4],
    [2, 3, 7, 6],
  ];
  faces.forEach((q, i) => {
    const n = i + 1;
    const [a, b, c, d] = q as [number, number, number, number];
    lines.push(`f ${a}/1/${n} ${b}/2/${n} ${c}/3/${n}`, `f ${a}/1/${n} ${c}/3/${n} ${d}/4/${n}`);
  });
  return lines.join('\n') + '\n';
}

export const MODEL_MTL = [
  'newmtl texture',
  'Ka 1.000 1.000 1.000',
  'Kd 1.000 1.000 1.000',
  'Ks 0.000 0.000 0.000',
  'd 1.0',
  'illum 1',
  'map_Kd texture.png',
  '',
].join('\n');

/** Writes the result zip atomically (temp + rename) so a download never sees half a file. */
export async function writeResultZip(path: string, project: string, bytes?: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  if (bytes) {
    await writeFile(`${path}.tmp`, bytes);
    await rename(`${path}.tmp`, path);
    return;
  }
  const zip = new yazl.ZipFile();
  const mtime = new Date(Date.UTC(2024, 0, 1));
  zip.addBuffer(Buffer.from(cubeObj(project)), 'model.obj', { mtime });
  zip.addBuffer(Buffer.from(MODEL_MTL), 'model.mtl', { mtime });
  zip.addBuffer(checkerboardPng(), 'texture.png', { mtime, compress: false });
  zip.end();
  const tmp = `${path}.tmp`;
  await pipeline(zip.outputStream, createWriteStream(tmp));
  await rename(tmp, path);
}
