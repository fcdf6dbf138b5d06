/**
 * Finds and reads the recorded NodeODM exchanges (../shared/peers/nodeodm/*.json beside the repo).
 * CI runs from a clean clone with shared/ beside it; a missing folder there is an error, not a skip.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RecordedBody {
  encoding: string;
  fields?: Record<string, unknown>;
  files?: { field: string; filename: string; size: number }[];
  json?: unknown;
  raw?: string;
}

export interface Exchange {
  name: string;
  request: {
    node: string;
    method: string;
    path: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    body: RecordedBody | null;
  };
  response: { status: number | null; headers: Record<string, string>; body: unknown };
  note?: string;
  timeline?: unknown[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `PEERS_DIR`, else the first `shared/peers` found beside the repo or one level further up (worktrees). */
export function findPeersDir(): string | undefined {
  const candidates = [
    process.env.PEERS_DIR,
    path.join(repoRoot, '..', 'shared', 'peers'),
    path.join(repoRoot, '..', '..', 'shared', 'peers'),
  ].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(path.join(p, 'nodeodm')));
}

export function readRecordings(peersDir: string, peer: 'nodeodm'): Map<string, Exchange[]> {
  const dir = path.join(peersDir, peer);
  const out = new Map<string, Exchange[]>();
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    out.set(f, JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Exchange[]);
  }
  return out;
}
