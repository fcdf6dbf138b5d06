/**
 * Tokens and projects: the server's rules (limits, credit, name uniqueness, link expiry, which parts
 * are missing) as plain functions over the state. Handlers turn the thrown StubReply into HTTP.
 */
import { randomBytes } from 'node:crypto';
import { jsonError } from './http-util.js';
import {
  DEFAULT_TOKEN_LIMITS,
  LINK_LIFETIME_MS,
  MAX_PART_BYTES,
  type CloudStubState,
  type ProjectRecord,
  type TokenRecord,
  type TokenSpec,
} from './types.js';

export function createState(tokens: TokenSpec[], publicToken: string): CloudStubState {
  const state: CloudStubState = {
    tokens: new Map(),
    projects: new Map(),
    links: new Map(),
    sentMails: [],
    requests: [],
    serviceStatus: 'online',
    queue: null,
  };
  addToken(state, { token: publicToken }, 'public');
  for (const t of tokens) addToken(state, t, 'private');
  return state;
}

export function addToken(state: CloudStubState, spec: TokenSpec, kind: TokenRecord['kind']): TokenRecord {
  const rec: TokenRecord = {
    token: spec.token,
    kind,
    credit: spec.credit ?? DEFAULT_TOKEN_LIMITS.credit,
    limit_filesize: spec.limit_filesize ?? DEFAULT_TOKEN_LIMITS.limit_filesize,
    limit_photos: spec.limit_photos ?? DEFAULT_TOKEN_LIMITS.limit_photos,
  };
  state.tokens.set(spec.token, rec);
  return rec;
}

export function newPrivateToken(): string {
  return randomBytes(16).toString('hex');
}

export function findToken(state: CloudStubState, token: string): TokenRecord {
  const rec = state.tokens.get(token);
  if (!rec) throw jsonError(400, "Token doesn't exist");
  return rec;
}

/** Unknown project (or one created under another token) is 401, as seed 000 documents. */
export function findProject(state: CloudStubState, token: string, name: string): ProjectRecord {
  const p = state.projects.get(name);
  if (!p || p.token !== token) throw jsonError(401, "Project doesn't exist");
  return p;
}

/** Names end up in storage paths on the real server; refuse what could not be a file name. */
function checkProjectName(name: string): void {
  // eslint-disable-next-line no-control-regex
  if (name.length > 200 || /[/\\\x00-\x1f]/.test(name) || name === '.' || name === '..') {
    throw jsonError(
      400,
      'Invalid project name: use up to 200 characters without slashes or control characters',
    );
  }
}

export interface CreateRequest {
  token: string;
  project: string;
  photos: number;
  parts: number;
  filesize: number;
}

export function createProject(
  state: CloudStubState,
  req: CreateRequest,
  now: number,
  maxPartBytes = MAX_PART_BYTES,
): ProjectRecord {
  const tok = findToken(state, req.token);
  const existing = state.projects.get(req.project);
  if (existing) {
    existing.createCount += 1;
    throw jsonError(400, `Project name "${req.project}" is already in use`);
  }
  checkProjectName(req.project);
  if (req.photos < 1) throw jsonError(400, 'photos must be at least 1');
  if (req.photos > tok.limit_photos) {
    throw jsonError(400, `Too many photos: ${req.photos} > limit_photos ${tok.limit_photos}`);
  }
  if (req.filesize < 1) throw jsonError(400, 'filesize must be at least 1 byte');
  if (req.filesize > tok.limit_filesize) {
    throw jsonError(400, `File too large: ${req.filesize} > limit_filesize ${tok.limit_filesize}`);
  }
  if (req.filesize > tok.credit) {
    throw jsonError(400, `Not enough credit: filesize ${req.filesize} > credit ${tok.credit}`);
  }
  if (req.parts < 1) throw jsonError(400, 'parts must be at least 1');
  if (req.parts * maxPartBytes < req.filesize) {
    throw jsonError(
      400,
      `Too few parts: ${req.parts} parts of at most ${maxPartBytes} bytes cannot hold ${req.filesize} bytes`,
    );
  }
  tok.credit -= req.filesize;
  const project: ProjectRecord = {
    name: req.project,
    token: req.token,
    status: 'created',
    photos: req.photos,
    parts: req.parts,
    filesize: req.filesize,
    createdAt: now,
    linkIds: [],
    received: new Map(),
    createCount: 1,
    startCount: 0,
    resetCount: 0,
  };
  state.projects.set(project.name, project);
  issueLinks(state, project, now, () => true);
  return project;
}

/** Gives a fresh link (new id, 4 h from now) to every part for which `which` is true. */
export function issueLinks(
  state: CloudStubState,
  project: ProjectRecord,
  now: number,
  which: (part: number, current: string | undefined) => boolean,
): void {
  for (let part = 1; part <= project.parts; part++) {
    const current = project.linkIds[part - 1];
    if (!which(part, current)) continue;
    const id = randomBytes(12).toString('base64url');
    state.links.set(id, { id, project: project.name, part, expiresAt: now + LINK_LIFETIME_MS });
    project.linkIds[part - 1] = id;
  }
}

/** For a project still uploading, expired links are replaced so a resuming client can carry on. */
export function refreshExpiredLinks(state: CloudStubState, project: ProjectRecord, now: number): void {
  if (project.status !== 'created') return;
  issueLinks(state, project, now, (_part, id) => {
    const link = id ? state.links.get(id) : undefined;
    return !link || link.expiresAt <= now;
  });
}

export function missingParts(project: ProjectRecord): number[] {
  const missing: number[] = [];
  for (let part = 1; part <= project.parts; part++) if (!project.received.has(part)) missing.push(part);
  return missing;
}

export function startProject(state: CloudStubState, token: string, name: string, now: number): ProjectRecord {
  findToken(state, token);
  const p = state.projects.get(name);
  if (!p || p.token !== token) throw jsonError(400, `Project "${name}" doesn't exist`);
  p.startCount += 1;
  if (p.status !== 'created')
    throw jsonError(400, `Project "${name}" was already started (status: ${p.status})`);
  const missing = missingParts(p);
  if (missing.length > 0) {
    throw jsonError(
      400,
      `Missing part${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${p.parts}: upload ${missing.length > 1 ? 'them' : 'it'} before starting`,
    );
  }
  p.status = 'initialized';
  p.startedAt = now;
  return p;
}

/** Drops the parts and the processing outcome, back to 'created' with fresh links. */
export function resetProject(state: CloudStubState, token: string, name: string, now: number): ProjectRecord {
  findToken(state, token);
  const p = state.projects.get(name);
  if (!p || p.token !== token) throw jsonError(400, `Project "${name}" doesn't exist`);
  for (const id of p.linkIds) state.links.delete(id);
  p.received.clear();
  p.status = 'created';
  p.resetCount += 1;
  delete p.startedAt;
  delete p.files;
  delete p.error;
  delete p.shareId;
  delete p.dlink;
  issueLinks(state, p, now, () => true);
  return p;
}

export function expireAllLinks(state: CloudStubState, now: number): void {
  for (const link of state.links.values()) link.expiresAt = Math.min(link.expiresAt, now - 1);
}
