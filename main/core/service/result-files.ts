/**
 * The files of a finished job's result folder that the 3D preview can show, and the confined read
 * of one of them. Everything the renderer asks for is a path RELATIVE to that folder; it is checked
 * twice: lexically (no absolute paths, no `..`, no NUL) and after resolving symlinks (the real path
 * must still lie inside the real folder), so a hostile zip that planted a link cannot expose
 * ~/.ssh through the viewer.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError, LimitExceededError, ScanBridgeError } from '../errors.js';
import type { ResultModel } from '../../contract/types.js';

/** Bigger than any model a browser tab can hold comfortably; refused with a message, not an OOM. */
export const MAX_PREVIEW_BYTES = 512 * 1024 * 1024;
/** A result folder is a few dozen files; these only stop a pathological tree from hanging us. */
const MAX_DEPTH = 6;
const MAX_ENTRIES = 20_000;

// The shape the UI receives: the contract's ResultModelSchema.
export type { ResultModel };
export type ModelKind = ResultModel['kind'];

const KINDS: Record<string, ModelKind> = { '.ply': 'ply', '.obj': 'obj', '.gltf': 'gltf', '.glb': 'glb' };

export class ResultFileNotFoundError extends ScanBridgeError<'NOT_FOUND'> {
  constructor(rel: string) {
    super('NOT_FOUND', `"${rel}" is not in this job's result folder.`, {
      hint: 'Download the result again, or open the folder to check.',
      detail: { detail: 'resultFile', params: { file: rel } },
    });
  }
}

/** Every viewable model under `folder` (symlinks are not followed), largest-first within a kind order. */
export async function listResultModels(folder: string): Promise<ResultModel[]> {
  const out: ResultModel[] = [];
  let seen = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) return;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full, depth + 1);
      else if (e.isFile()) {
        const kind = KINDS[path.extname(e.name).toLowerCase()];
        if (!kind) continue;
        const st = await fs.stat(full).catch(() => undefined);
        if (st)
          out.push({ path: path.relative(folder, full).split(path.sep).join('/'), size: st.size, kind });
      }
    }
  };
  await walk(folder, 0);
  // Meshes before point clouds (the thing a user wants to see first), then by path for stability.
  const rank: Record<ModelKind, number> = { glb: 0, gltf: 1, obj: 2, ply: 3 };
  return out.sort((a, b) => rank[a.kind] - rank[b.kind] || a.path.localeCompare(b.path));
}

/** Lexical checks on what the renderer sent; throws InvalidInputError with the reason. */
export function checkRelativePath(rel: string): string {
  if (rel.length === 0 || rel.length > 1024 || rel.includes('\0')) {
    throw new InvalidInputError('That file name is not valid.', undefined, {
      detail: 'fileName',
      params: {},
    });
  }
  const norm = rel.replace(/\\/g, '/');
  if (norm.startsWith('/') || /^[a-zA-Z]:/.test(norm) || path.isAbsolute(rel)) {
    throw new InvalidInputError(
      'Only files inside the result folder can be previewed (absolute path refused).',
      undefined,
      { detail: 'outsideResult', params: { file: rel } },
    );
  }
  const parts = norm.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) {
    throw new InvalidInputError(
      'Only files inside the result folder can be previewed (".." refused).',
      undefined,
      { detail: 'outsideResult', params: { file: rel } },
    );
  }
  if (parts.length === 0)
    throw new InvalidInputError('That file name is not valid.', undefined, {
      detail: 'fileName',
      params: {},
    });
  return parts.join('/');
}

/**
 * The real path and size of `rel` inside `folder`, or a typed error. Symlinks are resolved and the
 * target must stay inside the (resolved) folder; files over the cap are refused before any read.
 */
export async function resolveResultFile(
  folder: string,
  rel: string,
  maxBytes = MAX_PREVIEW_BYTES,
): Promise<{ file: string; size: number }> {
  const clean = checkRelativePath(rel);
  const root = await fs.realpath(folder).catch(() => {
    throw new InvalidInputError('The result folder is gone.', 'Download the result again.', {
      detail: 'resultGone',
      params: {},
    });
  });
  const real = await fs.realpath(path.join(root, ...clean.split('/'))).catch(() => {
    throw new ResultFileNotFoundError(clean);
  });
  if (!real.startsWith(root + path.sep)) {
    throw new InvalidInputError(`"${clean}" points outside the result folder; it is not shown.`, undefined, {
      detail: 'outsideResult',
      params: { file: clean },
    });
  }
  const st = await fs.stat(real);
  if (!st.isFile()) throw new ResultFileNotFoundError(clean);
  if (st.size > maxBytes) {
    throw new LimitExceededError(
      `"${clean}" is ${Math.round(st.size / 1048576)} MB; the preview opens files up to ${Math.round(maxBytes / 1048576)} MB.`,
      [],
      'Open it in a desktop viewer (MeshLab, Blender) from the result folder.',
      { detail: 'preview', params: { file: clean, size: st.size, limit: maxBytes } },
    );
  }
  return { file: real, size: st.size };
}

/** The bytes as an exactly-sized ArrayBuffer (IPC sends it as binary, not as JSON). */
export async function readResultFile(
  folder: string,
  rel: string,
  maxBytes = MAX_PREVIEW_BYTES,
): Promise<ArrayBuffer> {
  const { file } = await resolveResultFile(folder, rel, maxBytes);
  const buf = await fs.readFile(file);
  return buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength
    ? (buf.buffer as ArrayBuffer)
    : (buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
}
