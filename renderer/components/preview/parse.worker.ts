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
    const attr = (name: string) => {
      const a = geo.getAttribute(name);
      return a ? new Float32Array(a.array as ArrayLike<number>) : undefined;
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
