/**
 * The stand-in's task creation routes, as a NodeODM 2.2.4 answers them: `/task/new/init`,
 * `/task/new/upload/{uuid}`, `/task/new/commit/{uuid}` and single-shot `/task/new`. They read
 * multipart only (another body is ignored), keep photos only from the `images` field (any other file
 * field: "Unexpected field", nothing from that request kept), honour `set-uuid`, and check options
 * and the image limit the way the node does.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, unlink } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { boundaryOf, parseMultipart } from './multipart.js';
import { filterOptions } from './node-options.js';
import { readRaw, sendJson, sendText } from './respond.js';
import { storedName, type StubTask, type TaskQueue } from './tasks.js';

/** What the node accepts in `set-uuid`: versions 1–5, RFC variant, any case. */
const SET_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export interface TaskNewContext {
  queue: TaskQueue;
  dataDir: string;
  now: () => number;
  maxImages: number | null;
  /** Decides whether this upload request is dropped (the node's `--test_drop_uploads`). */
  dropUpload: () => boolean;
  /** Cuts this upload's connection half-way (a stand-in fault, not a node feature). */
  cutUpload: () => boolean;
  counters: { uploadRequests: number; drops: number; cuts: number; photosStored: number };
}

interface Received {
  fields: Record<string, string>;
  stored: string[];
  unexpected: boolean;
  malformed: boolean;
  cut: boolean;
}

async function receive(
  req: http.IncomingMessage,
  dir: string,
  existing: Set<string>,
  cut = false,
): Promise<Received> {
  const out: Received = { fields: {}, stored: [], unexpected: false, malformed: false, cut: false };
  const boundary = boundaryOf(req.headers['content-type']);
  if (!boundary) {
    await readRaw(req, 0);
    return out;
  }
  await mkdir(dir, { recursive: true });
  const half = Number(req.headers['content-length'] ?? 0) / 2;
  let received = 0;
  const body = !cut
    ? (req as AsyncIterable<Buffer>)
    : (async function* () {
        for await (const c of req as AsyncIterable<Buffer>) {
          received += c.length;
          if (received > half) {
            out.cut = true;
            req.socket.destroy();
            return;
          }
          yield c;
        }
      })();
  const ok = await parseMultipart(body, boundary, {
    onField: (k, v) => (out.fields[k] = v),
    onFile: (field, filename) => {
      if (field !== 'images') {
        out.unexpected = true;
        return { write: () => undefined, end: () => undefined };
      }
      const name = storedName(existing, filename);
      existing.add(name);
      out.stored.push(name);
      const file = createWriteStream(path.join(dir, name), { highWaterMark: 1024 * 1024 });
      return {
        write: (chunk) =>
          file.write(chunk) ? undefined : new Promise<void>((r) => file.once('drain', () => r())),
        end: () => new Promise<void>((r, j) => file.end((e?: Error | null) => (e ? j(e) : r()))),
      };
    },
  }).then(
    () => true,
    () => false,
  );
  out.malformed = !ok;
  if (out.unexpected || out.malformed || out.cut) {
    await Promise.all(out.stored.map((n) => unlink(path.join(dir, n)).catch(() => undefined)));
    out.stored = [];
  }
  return out;
}

function newTask(uuid: string, dir: string, now: number): StubTask {
  return {
    uuid,
    dir,
    options: [],
    dateCreated: now,
    images: [],
    phase: 'uploading',
    progress: 0,
    output: [],
  };
}

/**
 * The uuid for a new task, or undefined after answering a bad `set-uuid` as the node does (the body is
 * drained, `{"error"}` sent): init and the single-shot route share this.
 */
async function uuidOrRefuse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  queue: TaskQueue,
): Promise<string | undefined> {
  const chosen = chooseUuid(req, queue);
  if ('uuid' in chosen) return chosen.uuid;
  await readRaw(req, 0);
  sendJson(res, chosen);
  return undefined;
}

/** Validates `set-uuid`; returns the uuid to use, or the error text. Empty means "choose one". */
function chooseUuid(req: http.IncomingMessage, queue: TaskQueue): { uuid: string } | { error: string } {
  const wanted = req.headers['set-uuid'];
  if (typeof wanted !== 'string' || wanted === '') return { uuid: randomUUID() };
  const existing = queue.tasks.get(wanted);
  if (!SET_UUID.test(wanted) || (existing && existing.phase !== 'uploading'))
    return { error: `Invalid set-uuid: ${wanted}` };
  return { uuid: wanted };
}

export async function handleInit(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  c: TaskNewContext,
): Promise<void> {
  const uuid = await uuidOrRefuse(req, res, c.queue);
  if (uuid === undefined) return;
  const dir = path.join(c.dataDir, uuid);
  const got = await receive(req, path.join(dir, '.init'), new Set());
  const filtered = filterOptions(got.fields.options ?? '');
  if ('error' in filtered) return sendJson(res, filtered);
  // A second init with the same set-uuid joins the upload in progress (the later name wins).
  const task = c.queue.tasks.get(uuid) ?? newTask(uuid, dir, c.now());
  task.name = got.fields.name;
  task.options = filtered.options;
  await mkdir(dir, { recursive: true });
  c.queue.tasks.set(uuid, task);
  sendJson(res, { uuid });
}

export async function handleUpload(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  uuid: string,
  c: TaskNewContext,
): Promise<void> {
  const task = c.queue.tasks.get(uuid);
  if (!task || task.phase !== 'uploading') {
    await readRaw(req, 0);
    return sendJson(res, { error: 'Invalid uuid (not found)' });
  }
  c.counters.uploadRequests++;
  const drop = c.dropUpload();
  const cut = !drop && c.cutUpload();
  const got = await receive(req, task.dir, new Set(task.images), cut);
  if (got.cut || req.socket.destroyed) {
    c.counters.cuts++;
    return;
  }
  if (got.unexpected) return sendJson(res, { error: 'Unexpected field' });
  if (got.malformed) return sendJson(res, { error: 'Unexpected end of form' });
  if (got.stored.length === 0) return sendJson(res, { error: 'Need at least 1 file.', noRetry: true });
  if (drop) {
    c.counters.drops++;
    await Promise.all(got.stored.map((n) => unlink(path.join(task.dir, n)).catch(() => undefined)));
    return sendText(res, 500, 'text/plain; charset=utf-8', 'Internal Server Error');
  }
  task.images.push(...got.stored);
  c.counters.photosStored += got.stored.length;
  sendJson(res, { success: true });
}

export async function handleCommit(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  uuid: string,
  c: TaskNewContext,
): Promise<void> {
  await readRaw(req, 0);
  const task = c.queue.tasks.get(uuid);
  if (!task || task.phase !== 'uploading') return sendJson(res, { error: 'Invalid uuid (not found)' });
  if (task.images.length === 0) {
    // The node drops the upload session: the uuid cannot be used again.
    c.queue.tasks.delete(uuid);
    await rm(task.dir, { recursive: true, force: true });
    return sendJson(res, { error: 'Need at least 1 file.' });
  }
  task.dateCreated = c.now();
  c.queue.committed(task);
  if (!res.destroyed) sendJson(res, { uuid });
}

export async function handleSingleShot(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  c: TaskNewContext,
): Promise<void> {
  const uuid = await uuidOrRefuse(req, res, c.queue);
  if (uuid === undefined) return;
  const dir = path.join(c.dataDir, uuid);
  const got = await receive(req, dir, new Set());
  const fail = async (error: string): Promise<void> => {
    await rm(dir, { recursive: true, force: true });
    sendJson(res, { error });
  };
  if (got.unexpected) return fail('Unexpected field');
  const filtered = filterOptions(got.fields.options ?? '');
  if ('error' in filtered) return fail(filtered.error);
  if (got.stored.length === 0) return fail('Need at least 1 file or a zip file url.');
  if (c.maxImages !== null && got.stored.length > c.maxImages)
    return fail(`${got.stored.length} images uploaded, but this node can only process up to ${c.maxImages}.`);
  const task = newTask(uuid, dir, c.now());
  task.name = got.fields.name;
  task.options = filtered.options;
  task.images = got.stored;
  c.counters.photosStored += got.stored.length;
  c.queue.tasks.set(task.uuid, task);
  c.queue.committed(task);
  if (!res.destroyed) sendJson(res, { uuid: task.uuid });
}
