/**
 * Reading NodeODM replies: status and `{"error"}` bodies into typed errors, "this is not a NodeODM"
 * detection, and the shapes of /info, /options and task info checked field by field.
 */
import { BadResponseError, ScanBridgeError } from '../errors.js';
import { redact } from '../redact.js';
import type { NodeInfo, NodeOption, TaskInfo } from './types.js';
import { bodyError, statusError } from './errors.js';
import type { HttpResponse } from './http.js';

/** Checks status and body; returns the parsed JSON. Exported for the download, which reads errors too. */
export function parseReply(
  res: HttpResponse,
  text: string,
  ctx: { what: string; uuid?: string | undefined; node: string; tokenSent?: boolean | undefined },
): unknown {
  let parsed: unknown;
  let isJson = true;
  try {
    parsed = JSON.parse(text);
  } catch {
    isJson = false;
  }
  const errorText =
    isJson && typeof parsed === 'object' && parsed !== null && 'error' in parsed
      ? String((parsed as { error: unknown }).error)
      : undefined;
  // A 5xx is a hiccup (NodeODM answers a dropped chunk upload with 500) even when it carries an error body.
  if (res.status >= 500) throw statusError(res.status, errorText ?? snippet(text), ctx);
  if (errorText !== undefined) throw bodyError(errorText, ctx);
  if (res.status < 200 || res.status >= 300) throw statusError(res.status, snippet(text), ctx);
  if (!isJson) {
    const looksHtml = /^\s*</.test(text);
    throw notNodeOdm(ctx.node, `${ctx.what} answered with ${looksHtml ? 'a web page' : 'text'}, not JSON`);
  }
  return parsed;
}

export function notNodeOdm(node: string, why: string): BadResponseError {
  return new BadResponseError(
    `${node} does not look like a NodeODM or ClusterODM node (${why}).`,
    'Check the address and port in the backend profile (NodeODM usually listens on :3000).',
    { detail: { detail: 'notNode', params: { server: node } } },
  );
}

function snippet(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return /^</.test(t) ? '' : t.slice(0, 200);
}

export function obj(raw: unknown, node: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw notNodeOdm(node, 'the reply is not an object');
  return raw as Record<string, unknown>;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function parseInfo(raw: unknown, node: string): NodeInfo {
  const r = obj(raw, node);
  if (typeof r.version !== 'string') throw notNodeOdm(node, '/info has no "version"');
  const info: NodeInfo = {
    version: r.version,
    taskQueueCount: num(r.taskQueueCount) ?? 0,
    maxImages: num(r.maxImages) ?? null,
  };
  for (const k of ['maxParallelTasks', 'cpuCores', 'totalMemory', 'availableMemory'] as const) {
    const v = num(r[k]);
    if (v !== undefined) info[k] = v;
  }
  if (typeof r.engine === 'string') info.engine = r.engine;
  if (typeof r.engineVersion === 'string') info.engineVersion = r.engineVersion;
  return info;
}

export function parseOption(raw: unknown, node: string): NodeOption {
  const r = obj(raw, node);
  if (typeof r.name !== 'string') throw notNodeOdm(node, 'an option has no name');
  const domain = Array.isArray(r.domain) ? r.domain.map(String) : String(r.domain ?? '');
  return {
    name: r.name,
    type: String(r.type ?? 'string'),
    value: r.value === undefined || r.value === null ? '' : String(r.value),
    domain,
    help: String(r.help ?? ''),
  };
}

export function parseTaskInfo(raw: unknown, node: string): TaskInfo {
  const r = obj(raw, node);
  const status = obj(r.status, node);
  const code = num(status.code);
  if (typeof r.uuid !== 'string' || code === undefined)
    throw notNodeOdm(node, 'task info lacks uuid or status');
  return {
    uuid: r.uuid,
    name: String(r.name ?? ''),
    dateCreated: num(r.dateCreated) ?? 0,
    processingTime: num(r.processingTime) ?? 0,
    status: typeof status.errorMessage === 'string' ? { code, errorMessage: status.errorMessage } : { code },
    imagesCount: num(r.imagesCount) ?? 0,
    progress: Math.max(0, Math.min(100, num(r.progress) ?? 0)),
    options: Array.isArray(r.options) ? (r.options as { name: string; value: unknown }[]) : [],
  };
}

/** Ensures no token survives in an error's message or hint. */
export function scrub(e: unknown, secrets: readonly (string | undefined)[]): unknown {
  if (e instanceof ScanBridgeError) {
    const m = redact(e.message, secrets);
    if (m !== e.message) Object.defineProperty(e, 'message', { value: m });
    e.redactDetail((t) => redact(t, secrets));
    return e;
  }
  if (e instanceof Error) return new Error(redact(e.message, secrets));
  return e;
}
