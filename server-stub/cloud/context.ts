/**
 * What every handler needs, passed explicitly: the state, the clock, where files go, the faults.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FaultController } from './faults.js';
import type { CloudSchedule, CloudStubState } from './types.js';

export interface StubContext {
  state: CloudStubState;
  now: () => number;
  dataDir: string;
  faults: FaultController;
  schedule: CloudSchedule;
  dlinkStyle: 'wrapped' | 'plain';
  maxPartBytes: number;
  /** Aborts for uploads in progress, run by close() so it never waits on a stalled or slow body. */
  aborts: Set<() => void>;
  /** Base URL as clients see it, e.g. http://127.0.0.1:1334 (known once the server listens). */
  baseUrl: () => string;
}

/** Project names are user input: files live under a hash of the name, never the name itself. */
export function projectDir(ctx: StubContext, project: string): string {
  const id = createHash('sha256').update(project).digest('hex').slice(0, 24);
  return join(ctx.dataDir, 'projects', id);
}

export function partPath(ctx: StubContext, project: string, part: number): string {
  return join(projectDir(ctx, project), `part-${String(part).padStart(4, '0')}`);
}
