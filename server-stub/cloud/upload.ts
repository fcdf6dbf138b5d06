/**
 * POST <ulink>: the part's raw bytes stream through a hashing, counting transform straight into a temp
 * file in dataDir and are renamed into place only when the whole body arrived. Nothing is buffered, a
 * cut body leaves no part, a re-POST replaces the part (so client retries are idempotent).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createContentHasher } from './content-hash.js';
import { partPath, projectDir, type StubContext } from './context.js';
import { jsonError, sendJson, sendReply, StubReply } from './http-util.js';

class CutByClient extends Error {}
class CutByFault extends Error {}

const tooLarge = (max: number) => jsonError(413, `Part too large: an upload may be at most ${max} bytes`);

interface UploadPlan {
  declared: number | null;
  max: number;
  cut: boolean;
  stallMs: number;
}

/** Counts, enforces the size limit, hashes, and applies the stall/cut faults half-way through. */
function uploadTransform(plan: UploadPlan, onCut: () => void) {
  const hasher = createContentHasher();
  const half = plan.declared !== null ? Math.floor(plan.declared / 2) : 0;
  let total = 0;
  let stalled = false;
  let stallTimer: NodeJS.Timeout | undefined;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      total += chunk.length;
      if (total > plan.max) return cb(tooLarge(plan.max));
      hasher.update(chunk);
      if (total > half && plan.cut) {
        // Destroying the socket is what a dropped Wi-Fi link looks like to the client.
        onCut();
        return cb(new CutByFault('upload cut by fault injection'));
      }
      if (total > half && plan.stallMs > 0 && !stalled) {
        stalled = true;
        stallTimer = setTimeout(() => cb(null, chunk), plan.stallMs);
        return;
      }
      cb(null, chunk);
    },
  });
  // A dropped connection must not leave a stall timer keeping the process alive.
  t.on('close', () => clearTimeout(stallTimer));
  return { stream: t, bytes: () => total, digest: () => hasher.digest() };
}

export async function handleUpload(
  ctx: StubContext,
  req: IncomingMessage,
  res: ServerResponse,
  linkId: string,
  expectsContinue = false,
): Promise<{ status: number; project?: string }> {
  const reply = (r: StubReply, close = false) => {
    sendReply(res, r, close ? { Connection: 'close' } : {});
    return { status: r.status, project: link?.project };
  };
  const link = ctx.state.links.get(linkId);
  if (req.method !== 'POST') return reply(jsonError(405, 'Upload links take POST'), true);
  if (!link) return reply(jsonError(404, 'Unknown upload link'), true);
  if (link.expiresAt <= ctx.now()) return reply(jsonError(410, 'upload link expired'), true);
  const project = ctx.state.projects.get(link.project);
  if (!project || project.linkIds[link.part - 1] !== linkId) {
    return reply(jsonError(404, 'Unknown upload link'), true);
  }
  if (project.status !== 'created') {
    return reply(
      jsonError(409, `Project already started (status: ${project.status}); uploads are closed`),
      true,
    );
  }
  const lengthHeader = req.headers['content-length'];
  const declared = lengthHeader !== undefined ? Number(lengthHeader) : null;
  // Refuse before reading a byte: the client learns at once instead of after sending 200 MB.
  if (declared !== null && declared > ctx.maxPartBytes) return reply(tooLarge(ctx.maxPartBytes), true);

  const faults = ctx.faults.current();
  const plan: UploadPlan = {
    declared,
    max: ctx.maxPartBytes,
    cut: ctx.faults.shouldCutUpload(),
    stallMs: faults.stallMs,
  };
  const tmpDir = join(ctx.dataDir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmp = join(tmpDir, `${randomBytes(8).toString('hex')}.upload`);
  const xf = uploadTransform(plan, () => req.socket.destroy());
  const out = createWriteStream(tmp);
  // Any end of the connection before we consumed the whole body is a cut. `readableEnded`, not
  // `complete`: a body fully received but not yet read is dropped when the socket closes, and then
  // no 'end' would ever come and the pipeline (and close()) would wait forever.
  const cutIfUnread = (why: string) => {
    if (!req.readableEnded) xf.stream.destroy(new CutByClient(why));
  };
  req.on('error', () => cutIfUnread('connection reset mid-body'));
  req.on('close', () => cutIfUnread('client closed the connection mid-body'));
  // The client may have gone while we awaited (latency fault, mkdir): then 'close' has fired already.
  if (req.destroyed || req.socket.destroyed)
    cutIfUnread('client closed the connection before the body was read');
  const abort = () => xf.stream.destroy(new CutByClient('stub closing'));
  ctx.aborts.add(abort);
  if (expectsContinue) res.writeContinue();
  req.pipe(xf.stream);
  try {
    await pipeline(xf.stream, out);
    if (declared !== null && xf.bytes() !== declared)
      throw new CutByClient('body shorter than Content-Length');
  } catch (err) {
    ctx.aborts.delete(abort);
    req.unpipe(xf.stream);
    out.destroy();
    await rm(tmp, { force: true });
    if (err instanceof StubReply) return reply(err, true);
    // Cut: no reply can reach the client; make sure the socket is gone either way.
    req.socket.destroy();
    return { status: 499, project: project.name };
  }
  ctx.aborts.delete(abort);
  // The project may have been reset or the link replaced while the bytes were in flight.
  if (ctx.state.links.get(linkId) === undefined || project.linkIds[link.part - 1] !== linkId) {
    await rm(tmp, { force: true });
    return reply(jsonError(404, 'Upload link was withdrawn (project reset) during the upload'));
  }
  if (project.status !== 'created') {
    await rm(tmp, { force: true });
    return reply(jsonError(409, 'Project was started during the upload; this part was discarded'));
  }
  const dest = partPath(ctx, project.name, link.part);
  await mkdir(projectDir(ctx, project.name), { recursive: true });
  await rename(tmp, dest);
  const contentHash = xf.digest();
  project.received.set(link.part, {
    index: link.part,
    size: xf.bytes(),
    contentHash,
    path: dest,
    receivedAt: ctx.now(),
  });
  sendJson(res, 200, { 'content-hash': contentHash });
  return { status: 200, project: project.name };
}
