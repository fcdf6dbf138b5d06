/**
 * The GET endpoints of the OpenScan Cloud API (seeds 000–003). Each takes the query and returns the
 * JSON reply or throws a StubReply; auth, faults and logging are the router's job.
 */
import { rm } from 'node:fs/promises';
import { projectDir, type StubContext } from './context.js';
import { flaskBadRequest, jsonError, requireIntParam, requireParam } from './http-util.js';
import { advance, beginCheck, forgetCheck } from './processing.js';
import * as store from './store.js';
import type { ProjectRecord } from './types.js';

export interface ApiResult {
  status: number;
  body: unknown;
  project?: string;
}

type Handler = (ctx: StubContext, q: URLSearchParams) => Promise<ApiResult> | ApiResult;

const ok = (body: unknown, project?: string): ApiResult => ({ status: 200, body, project });

function links(ctx: StubContext, p: ProjectRecord): string[] {
  return p.linkIds.map((id) => `${ctx.baseUrl()}/upload/${id}`);
}

const MAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const requestToken: Handler = (ctx, q) => {
  const mail = requireParam(q, 'mail').trim();
  const forename = requireParam(q, 'forename').trim();
  const lastname = requireParam(q, 'lastname').trim();
  if (!MAIL.test(mail)) throw flaskBadRequest();
  const token = store.newPrivateToken();
  store.addToken(ctx.state, { token }, 'private').owner = { mail, forename, lastname };
  ctx.state.sentMails.push({ to: mail, forename, lastname, token, at: ctx.now() });
  return ok({});
};

const getTokenInfo: Handler = (ctx, q) => {
  const t = store.findToken(ctx.state, requireParam(q, 'token'));
  return ok({ credit: t.credit, limit_filesize: t.limit_filesize, limit_photos: t.limit_photos });
};

const createProject: Handler = (ctx, q) => {
  const req = {
    token: requireParam(q, 'token'),
    project: requireParam(q, 'project'),
    photos: requireIntParam(q, 'photos'),
    parts: requireIntParam(q, 'parts'),
    filesize: requireIntParam(q, 'filesize'),
  };
  const p = store.createProject(ctx.state, req, ctx.now(), ctx.maxPartBytes);
  const credit = ctx.state.tokens.get(req.token)?.credit ?? 0;
  return ok({ status: 'created', ulink: links(ctx, p), credit }, p.name);
};

const startProject: Handler = (ctx, q) => {
  const token = requireParam(q, 'token');
  const name = requireParam(q, 'project');
  const p = store.startProject(ctx.state, token, name, ctx.now());
  // Begin reading the zip now so that the first poll after "processing started" rarely waits.
  beginCheck(p);
  return ok({ status: 'initialized' }, p.name);
};

const getProjectInfo: Handler = async (ctx, q) => {
  const token = requireParam(q, 'token');
  const name = requireParam(q, 'project');
  store.findToken(ctx.state, token);
  const p = store.findProject(ctx.state, token, name);
  store.refreshExpiredLinks(ctx.state, p, ctx.now());
  await advance(ctx, p);
  const body: Record<string, unknown> = { status: p.status, ulink: links(ctx, p), dlink: p.dlink ?? null };
  if (p.status === 'processing failed') body.error = p.error ?? 'processing failed';
  return ok(body, p.name);
};

const resetProject: Handler = async (ctx, q) => {
  const token = requireParam(q, 'token');
  const name = requireParam(q, 'project');
  const p = store.resetProject(ctx.state, token, name, ctx.now());
  forgetCheck(p);
  await rm(projectDir(ctx, p.name), { recursive: true, force: true });
  return ok({}, p.name);
};

const getQueueEstimate: Handler = (ctx, q) => {
  const token = q.get('token');
  if (token) store.findToken(ctx.state, token);
  if (ctx.state.queue) {
    return ok({
      queue_length: ctx.state.queue.queueLength,
      estimated_seconds: ctx.state.queue.estimatedSeconds,
    });
  }
  const busy = [...ctx.state.projects.values()].filter(
    (p) => p.status === 'initialized' || p.status === 'processing started',
  ).length;
  return ok({ queue_length: busy, estimated_seconds: Math.round((busy * ctx.schedule.doneAfterMs) / 1000) });
};

const status: Handler = (ctx) => ok({ status: ctx.state.serviceStatus });

export const API_ENDPOINTS: Record<string, Handler> = {
  requestToken,
  getTokenInfo,
  createProject,
  startProject,
  getProjectInfo,
  resetProject,
  getQueueEstimate,
  status,
};

export function isApiEndpoint(name: string): boolean {
  return Object.hasOwn(API_ENDPOINTS, name);
}

export async function runApi(ctx: StubContext, endpoint: string, q: URLSearchParams): Promise<ApiResult> {
  const handler = API_ENDPOINTS[endpoint];
  if (!handler) throw jsonError(404, `Unknown endpoint ${endpoint}`);
  return handler(ctx, q);
}
