/**
 * The peers contract: every exchange recorded from a real NodeODM 2.2.4 (../shared/peers/nodeodm/*.json)
 * is replayed against the stand-in, which must answer with the same status, the headers that matter,
 * and the same JSON shape and texts. With NODEODM_URL (a real node started with --test) the same
 * replay runs against it instead; see server-stub/README.md.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startNodeOdmStub, type NodeOdmStub, type NodeOdmStubOptions } from './index.js';
import { findPeersDir, readRecordings, type Exchange } from './testing/recordings.js';
import { replay, type ReplayOptions } from './testing/replay.js';
import type { WireReply } from './testing/wire.js';

const peers = findPeersDir();
if (!peers && process.env.CI) {
  throw new Error(
    'The recorded NodeODM exchanges are missing: CI expects shared/peers/nodeodm beside the repo (or PEERS_DIR).',
  );
}
const realNode = process.env.NODEODM_URL;
/** The stand-in runs a recording's slow test node (--test_seconds N) faster by this factor. */
const SCALE = 0.5;

/** How each recorded node was started, per file (see peers/nodeodm/README.md). */
function standInFor(file: string, node: string): NodeOdmStubOptions {
  const fast: NodeOdmStubOptions = { processingMs: 150 };
  switch (node) {
    case '127.0.0.1:3101':
      return { ...fast, token: 'secret' };
    case '127.0.0.1:3102':
      return { ...fast, maxImages: 5 };
    case '127.0.0.1:3103':
      if (file === 'control.json')
        return { processingMs: 10_000 * SCALE, failTasks: true, dropUploads: true };
      if (file === 'failures.json')
        // The recorded run kept the first of four uploads and dropped the rest.
        return { processingMs: 2000 * SCALE, failTasks: true, dropUploads: (n) => n > 0 };
      return { processingMs: 3000 * SCALE };
    default:
      return fast;
  }
}

const zip = (r: WireReply) => r.status === 200 && r.body.subarray(0, 2).toString('latin1') === 'PK';
const notReady = (r: WireReply) => r.body.toString() === '{"error":"Asset not ready"}';
/** Entries whose answer depends on how far a running task got when the request arrived. */
const TIMING: Record<string, Record<number, (r: WireReply) => boolean>> = {
  // all.zip of a running task: "Asset not ready" or a zip still being written, depending on the moment.
  'lifecycle.json': {
    34: (r) => zip(r) || notReady(r),
    35: (r) => zip(r) || notReady(r),
    36: (r) => zip(r) || notReady(r),
  },
};
const WAIT_FINISHED: Record<string, number[]> = { 'control.json': [61] };

const stubs: NodeOdmStub[] = [];
afterAll(async () => {
  await Promise.all(stubs.map((s) => s.close()));
});

describe.skipIf(!peers)('NodeODM peers contract (recorded exchanges)', () => {
  const files = peers ? readRecordings(peers, 'nodeodm') : new Map<string, Exchange[]>();
  it('has recordings to replay', () => {
    expect(files.size).toBeGreaterThanOrEqual(7);
  });
  for (const [file, entries] of files) {
    it(`${file}: ${realNode ? 'the node at NODEODM_URL' : 'the stand-in'} answers as recorded`, async () => {
      const recordedNodes = [...new Set(entries.map((e) => e.request.node))];
      const nodes: ReplayOptions['nodes'] = {};
      if (realNode) {
        nodes['127.0.0.1:3100'] = realNode;
        nodes['127.0.0.1:3101'] = process.env.NODEODM_TOKEN_URL;
        nodes['127.0.0.1:3102'] = process.env.NODEODM_MAX_IMAGES_URL;
      } else {
        for (const n of recordedNodes) {
          const s = await startNodeOdmStub(standInFor(file, n));
          stubs.push(s);
          nodes[n] = s.url;
        }
      }
      const r = await replay(entries, {
        nodes,
        setupQuery: { '127.0.0.1:3101': { token: 'secret' } },
        lenientTiming: !!realNode,
        pollTimeoutMs: realNode ? 60_000 : 10_000,
        waitFinished: WAIT_FINISHED[file],
        alsoAccept: TIMING[file],
      });
      expect(r.mismatches).toEqual([]);
      expect(r.checked).toBeGreaterThan(realNode ? 0 : entries.length * 0.8);
    }, 90_000);
  }
});
