/**
 * The stub's all.zip: a small but real result in the layout NodeODM produces (textured OBJ with its
 * MTL and texture, and a report), written with yazl so downloads and extraction are exercised for real.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import yazl from 'yazl';

// A 1×1 grey PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==',
  'base64',
);

export async function writeResultZip(
  dest: string,
  task: { uuid: string; name: string; images: string[] },
  padBytes = 0,
): Promise<void> {
  const zip = new yazl.ZipFile();
  const obj = [
    'mtllib odm_textured_model_geo.mtl',
    'v 0 0 0',
    'v 1 0 0',
    'v 0 1 0',
    'vt 0 0',
    'vt 1 0',
    'vt 0 1',
    'usemtl material0000',
    'f 1/1 2/2 3/3',
    '',
  ].join('\n');
  const mtl = [
    'newmtl material0000',
    'Kd 1 1 1',
    'map_Kd odm_textured_model_geo_material0000_map_Kd.png',
    '',
  ].join('\n');
  zip.addBuffer(Buffer.from(obj), 'odm_texturing/odm_textured_model_geo.obj');
  zip.addBuffer(Buffer.from(mtl), 'odm_texturing/odm_textured_model_geo.mtl');
  zip.addBuffer(PNG, 'odm_texturing/odm_textured_model_geo_material0000_map_Kd.png', { compress: false });
  const report = `%PDF-1.4\n% ScanBridge NodeODM stub report\n% task ${task.uuid} "${task.name}", ${task.images.length} images\n%%EOF\n`;
  zip.addBuffer(Buffer.from(report), 'odm_report/report.pdf');
  zip.addBuffer(Buffer.from(JSON.stringify({ uuid: task.uuid, images: task.images.length })), 'images.json');
  // Optional filler so download resume can be tested on a result of some size.
  if (padBytes > 0)
    zip.addBuffer(Buffer.alloc(padBytes, 7), 'odm_georeferencing/padding.bin', { compress: false });
  zip.end();
  await pipeline(zip.outputStream as Readable, createWriteStream(dest));
}
