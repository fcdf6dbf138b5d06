/**
 * PLY parsing off the UI thread: a multi-million-point cloud takes seconds to parse, which would
 * freeze the window. Point clouds (no faces) are decimated for display here too; meshes are sent
 * whole. Arrays go back as transferables (no copy).
 */
import { PLYLoader } from 'three/examples/jsm/loaders/PLYLoader.js';
import { decimate } from './decimate.js';

export interface ParseRequest {
  bytes: ArrayBuffer;
}
export type ParseReply =
  | {
      ok: true;
      positions: Float32Array;
      colors?: Float32Array | undefined;
      normals?: Float32Array | undefined;
      index?: Uint32Array | undefined;
      shown: number;
      total: number;
    }
  | { ok: false; message: string };

self.onmessage = (e: MessageEvent<ParseRequest>) => {
  try {
    const geo = new PLYLoader().parse(e.data.bytes);
    // Colours may come back as normalized Uint8 (uchar red/green/blue): getX/Y/Z scale them to 0…1.
    const attr = (name: string) => {
      const a = geo.getAttribute(name);
      if (!a) return undefined;
      if (!a.normalized && a.array instanceof Float32Array) return a.array;
      const out = new Float32Array(a.count * 3);
      for (let i = 0; i < a.count; i++) {
        out[i * 3] = a.getX(i);
        out[i * 3 + 1] = a.getY(i);
        out[i * 3 + 2] = a.getZ(i);
      }
      return out;
    };
    const positions = attr('position');
    if (!positions || positions.length === 0) throw new Error('The PLY file has no vertices.');
    const idx = geo.getIndex();
    let reply: ParseReply;
    if (idx && idx.count > 0) {
      const total = positions.length / 3;
      reply = {
        ok: true,
        positions,
        colors: attr('color'),
        normals: attr('normal'),
        index: new Uint32Array(idx.array as ArrayLike<number>),
        shown: total,
        total,
      };
    } else {
      reply = { ok: true, ...decimate({ positions, colors: attr('color'), normals: attr('normal') }) };
    }
    const transfer = [reply.positions, reply.colors, reply.normals, reply.index]
      .filter((a): a is Float32Array | Uint32Array => a !== undefined)
      .map((a) => a.buffer as ArrayBuffer);
    (self as unknown as Worker).postMessage(reply, transfer);
  } catch (err) {
    (self as unknown as Worker).postMessage({
      ok: false,
      message: err instanceof Error ? err.message : String(err),
    } satisfies ParseReply);
  }
};
