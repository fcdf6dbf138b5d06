/**
 * Replays recorded NodeODM exchanges against a node (the stand-in, or a real one) and reports every
 * difference in status, the headers that matter, and the JSON shape and texts of the body. What changes
 * from run to run is normalised: uuids (mapped as the node hands them out), dates, timings, memory and
 * CPU figures. Tasks the recording used but created off the record are created first with `set-uuid`;
 * task states are polled until the recorded one appears (a real node is fast: there a recorded
 * running state may be overtaken by the end state).
 */
import type { Exchange } from './recordings.js';
import { encodeBody, send, type WireReply } from './wire.js';

export interface ReplayOptions {
  /** Recorded node ("127.0.0.1:3100") → base URL; entries of a node without one are skipped. */
  nodes: Record<string, string | undefined>;
  /** Query added to setup calls per node (e.g. its token). */
  setupQuery?: Record<string, Record<string, string>>;
  /** A real node: recorded running/queued states may be overtaken. */
  lenientTiming: boolean;
  pollTimeoutMs: number;
  /** Entry index → wait until its task (created off the record) has finished. */
  waitFinished?: number[];
  /** Entry index → also accept this (timing-dependent) answer; returns true when acceptable. */
  alsoAccept?: Record<number, (r: WireReply) => boolean>;
}

export interface ReplayResult {
  checked: number;
  skipped: number;
  mismatches: string[];
}

const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;
const VOLATILE = new Set(['dateCreated', 'processingTime', 'totalMemory', 'availableMemory', 'cpuCores']);
const TERMINAL = new Set([30, 40, 50]);
const MARKER = /^\.\.\.<(?:truncated here: )?(\d+) lines total(?:, truncated here)?>$/;
const HEADERS_EQUAL = [
  'content-type',
  'content-disposition',
  'transfer-encoding',
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'vary',
];
const HEADERS_PRESENCE = ['accept-ranges', 'content-range', 'content-disposition'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObj = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Uuids the recording shows as real tasks (some reply about them succeeded), not deliberately unknown ones. */
function realTasks(entries: Exchange[]): Set<string> {
  const real = new Set<string>();
  for (const e of entries) {
    const b = e.response.body;
    if (!isObj(b) || 'error' in b) continue;
    for (const m of JSON.stringify(e.request).matchAll(UUID)) real.add(m[0]);
    if (typeof b.uuid === 'string') real.add(b.uuid);
  }
  return real;
}

/** Uuids some recorded init or single-shot handed out: those are made on the record, not before. */
function createdOnRecord(entries: Exchange[]): Set<string> {
  const made = new Set<string>();
  for (const e of entries) {
    const b = e.response.body;
    if (/^\/task\/new(\/init)?$/.test(e.request.path) && isObj(b) && typeof b.uuid === 'string')
      made.add(b.uuid);
  }
  return made;
}

function firstInfo(entries: Exchange[], uuid: string): Record<string, Json> | undefined {
  for (const e of entries) {
    const b = e.response.body;
    if (isObj(b) && b.uuid === uuid && isObj(b.status)) return b;
  }
  return undefined;
}

export async function replay(entries: Exchange[], o: ReplayOptions): Promise<ReplayResult> {
  const map = new Map<string, string>();
  const pending = new Set<string>(); // initialised by this replay, not committed yet
  const createdOn = new Map<string, string>(); // actual uuid → recorded node
  const real = realTasks(entries);
  const onRecord = createdOnRecord(entries);
  const result: ReplayResult = { checked: 0, skipped: 0, mismatches: [] };
  const sub = (s: string): string => s.replace(UUID, (u) => map.get(u) ?? u);
  const subJson = (v: unknown): unknown =>
    typeof v === 'string'
      ? sub(v)
      : Array.isArray(v)
        ? v.map(subJson)
        : isObj(v)
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, subJson(x)]))
          : v;

  const call = async (
    node: string,
    method: string,
    p: string,
    query: Record<string, string>,
    headers: Record<string, string>,
    body: Exchange['request']['body'],
  ): Promise<WireReply> => {
    const url = new URL(sub(p).replace(/^\//, ''), `${o.nodes[node]!.replace(/\/$/, '')}/`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, sub(v));
    const enc = encodeBody(body ? (subJson(body) as Exchange['request']['body']) : null);
    return send(url, method, { ...headers, ...enc.headers }, enc.data);
  };
  const json = (r: WireReply): unknown => {
    try {
      return JSON.parse(r.body.toString('utf8'));
    } catch {
      return undefined;
    }
  };
  const statusOf = async (node: string, uuid: string): Promise<number | undefined> => {
    const r = await call(node, 'GET', `/task/${uuid}/info`, o.setupQuery?.[node] ?? {}, {}, null);
    const b = json(r);
    return isObj(b) && isObj(b.status) ? (b.status.code as number) : undefined;
  };

  /** A task the recording made off the record: make it now, with its recorded name, options and photos. */
  async function createOffRecord(node: string, uuid: string, waitFinished: boolean): Promise<void> {
    const info = firstInfo(entries, uuid);
    const fields: Record<string, unknown> = {};
    if (typeof info?.name === 'string') fields.name = info.name;
    const finishing = new Set(['pc-ept', 'cog', 'gltf']);
    if (Array.isArray(info?.options))
      fields.options = JSON.stringify(
        info.options.filter((x) => isObj(x) && !finishing.has(x.name as string)),
      );
    const n = typeof info?.imagesCount === 'number' ? info.imagesCount : 1;
    const files = Array.from({ length: n }, (_, i) => ({
      field: 'images',
      filename: `img${i + 1}.jpg`,
      size: 551,
    }));
    await call(
      node,
      'POST',
      '/task/new',
      o.setupQuery?.[node] ?? {},
      { 'set-uuid': uuid },
      {
        encoding: 'multipart/form-data',
        fields,
        files,
      },
    );
    map.set(uuid, uuid);
    createdOn.set(uuid, node);
    if (waitFinished) await until(async () => TERMINAL.has((await statusOf(node, uuid)) ?? 0));
  }

  async function until(ok: () => Promise<boolean>): Promise<boolean> {
    const end = Date.now() + o.pollTimeoutMs;
    for (;;) {
      if (await ok()) return true;
      if (Date.now() > end) return false;
      await sleep(25);
    }
  }

  for (const [i, e] of entries.entries()) {
    const q = e.request;
    const where = `#${i} ${e.name}`;
    if (!o.nodes[q.node] || q.path.includes('<uuid>')) {
      result.skipped++;
      continue;
    }
    const setUuid = q.headers?.['set-uuid'];
    const referenced = new Set(
      [...JSON.stringify([q.path, q.query ?? {}, q.body ?? {}]).matchAll(UUID)].map((m) => m[0]),
    );
    for (const u of referenced) {
      if (u === setUuid || map.has(u) || !real.has(u) || onRecord.has(u)) continue;
      await createOffRecord(q.node, u, o.waitFinished?.includes(i) ?? false);
    }
    const taskRoute = /^\/task\/([^/]+)\/(info|output|download)/.exec(q.path);
    const rec = e.response.body;
    if (taskRoute && pending.has(taskRoute[1]!) && !(isObj(rec) && 'error' in rec)) {
      // "info after upload+commit": the upload and commit were not recorded.
      const u = taskRoute[1]!;
      const sq = o.setupQuery?.[q.node] ?? {};
      await call(
        q.node,
        'POST',
        `/task/new/upload/${u}`,
        sq,
        {},
        {
          encoding: 'multipart/form-data',
          files: [{ field: 'images', filename: 'img1.jpg', size: 551 }],
        },
      );
      await call(q.node, 'POST', `/task/new/commit/${u}`, sq, {}, null);
      pending.delete(u);
    }
    if (q.path === '/task/restart' && isObj(rec) && rec.success === true) {
      // The recorder let a restarted task finish before restarting it again (off the record).
      const u = sub(String(q.body?.fields?.uuid ?? (q.body?.json as { uuid?: unknown })?.uuid ?? ''));
      await until(async () => TERMINAL.has((await statusOf(q.node, u)) ?? 0));
    }
    if (q.method === 'GET' && q.path === '/task/list' && Array.isArray(rec)) {
      // The recorder removed finished tasks off the record: do the same before comparing the list.
      const listed = new Set(rec.map((t) => sub(String((t as { uuid?: unknown }).uuid))));
      for (const [u, node] of createdOn) {
        if (node !== q.node || listed.has(u)) continue;
        await call(
          node,
          'POST',
          '/task/remove',
          o.setupQuery?.[node] ?? {},
          {},
          {
            encoding: 'application/x-www-form-urlencoded',
            fields: { uuid: u },
          },
        );
        createdOn.delete(u);
      }
    }
    const commit = /^\/task\/new\/commit\/(.+)$/.exec(q.path);
    if (commit) pending.delete(commit[1]!);

    let reply: WireReply | undefined;
    let failure: unknown;
    const once = async () => {
      try {
        reply = await call(q.node, q.method, q.path, q.query ?? {}, q.headers ?? {}, q.body);
        failure = undefined;
      } catch (err) {
        failure = err;
        reply = undefined;
      }
    };
    await once();
    result.checked++;
    if (e.response.status === null) {
      if (reply) result.mismatches.push(`${where}: expected no HTTP reply, got ${reply.status}`);
      continue;
    }
    const wantCode = isObj(rec) && isObj(rec.status) ? (rec.status.code as number) : undefined;
    if (wantCode !== undefined) {
      // Wait for the recorded state (a real node may have gone past a running one already).
      await until(async () => {
        const b = reply ? json(reply) : undefined;
        const code = isObj(b) && isObj(b.status) ? (b.status.code as number) : undefined;
        if (code === wantCode) return true;
        if (o.lenientTiming && !TERMINAL.has(wantCode) && code !== undefined && TERMINAL.has(code))
          return true;
        await once();
        return false;
      });
    }
    if (!reply) {
      result.mismatches.push(`${where}: no reply (${(failure as Error)?.message})`);
      continue;
    }
    const got = json(reply);
    if (isObj(rec) && typeof rec.uuid === 'string' && isObj(got) && typeof got.uuid === 'string') {
      if (!map.has(rec.uuid)) map.set(rec.uuid, got.uuid);
      createdOn.set(got.uuid, q.node);
      if (q.path === '/task/new/init') pending.add(rec.uuid);
    }
    if (o.alsoAccept?.[i]?.(reply)) continue;
    const problem = compareReply(e, reply, sub);
    if (problem) result.mismatches.push(`${where}: ${problem}`);
  }
  return result;
}

/** The first difference between a recorded response and a reply, or undefined. */
export function compareReply(e: Exchange, r: WireReply, sub: (s: string) => string): string | undefined {
  const want = e.response;
  if (r.status !== want.status)
    return `status ${r.status}, recorded ${want.status} (${r.body.toString('utf8').slice(0, 200)})`;
  for (const h of HEADERS_EQUAL) {
    const w = want.headers[h];
    if (w !== undefined && String(r.headers[h] ?? '') !== w)
      return `header ${h}: "${String(r.headers[h])}", recorded "${w}"`;
  }
  for (const h of HEADERS_PRESENCE) {
    if ((want.headers[h] !== undefined) !== (r.headers[h] !== undefined))
      return `header ${h} ${r.headers[h] === undefined ? 'missing' : `present ("${String(r.headers[h])}")`}, recorded ${want.headers[h] ?? 'absent'}`;
  }
  const text = r.body.toString('utf8');
  const body = want.body;
  if (typeof body === 'string') {
    if (body === '<no body (HEAD)>' || body === '<empty body>')
      return r.body.length === 0 ? undefined : 'body not empty';
    if (/^<\d+ bytes, zip with \d+ entries/.test(body))
      return r.body.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))
        ? undefined
        : 'body is not a zip';
    if (/omitted>$/.test(body)) return r.body.length > 0 ? undefined : 'body empty';
    const lines = /^<array of (\d+) lines/.exec(body);
    if (lines) {
      const got = safeJson(text);
      return Array.isArray(got) && got.length === Number(lines[1])
        ? undefined
        : `not an array of ${lines[1]} lines`;
    }
    return text === sub(body)
      ? undefined
      : `body ${JSON.stringify(text.slice(0, 200))}, recorded ${JSON.stringify(body.slice(0, 200))}`;
  }
  const got = safeJson(text);
  if (got === undefined) return `body is not JSON: ${text.slice(0, 200)}`;
  const terminal = isObj(body) && isObj(body.status) && TERMINAL.has(body.status.code as number);
  return diff(body as Json, got as Json, '', terminal, sub);
}

function safeJson(t: string): unknown {
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

function diff(
  want: Json,
  got: Json,
  at: string,
  terminal: boolean,
  sub: (s: string) => string,
): string | undefined {
  const key = at.slice(at.lastIndexOf('.') + 1);
  const show = (v: unknown) => JSON.stringify(v)?.slice(0, 160);
  if (typeof want === 'number' && (VOLATILE.has(key) || (key === 'progress' && !terminal)))
    return typeof got === 'number' ? undefined : `${at}: ${show(got)} is not a number`;
  if (typeof want === 'string')
    return typeof got === 'string' && got === sub(want)
      ? undefined
      : `${at}: ${show(got)}, recorded ${show(sub(want))}`;
  if (want === null || typeof want !== 'object')
    return got === want ? undefined : `${at}: ${show(got)}, recorded ${show(want)}`;
  if (Array.isArray(want)) {
    if (!Array.isArray(got)) return `${at}: ${show(got)} is not a list`;
    const m = want.findIndex((x) => typeof x === 'string' && MARKER.test(x));
    if (m >= 0) {
      const total = Number(MARKER.exec(want[m] as string)![1]);
      if (got.length !== total) return `${at}: ${got.length} lines, recorded ${total}`;
      const head = want.slice(0, m);
      const tail = want.slice(m + 1);
      for (const [j, w] of head.entries())
        if (got[j] !== w) return `${at}[${j}]: ${show(got[j])}, recorded ${show(w)}`;
      for (const [j, w] of tail.entries()) {
        const k = got.length - tail.length + j;
        if (got[k] !== w) return `${at}[${k}]: ${show(got[k])}, recorded ${show(w)}`;
      }
      return undefined;
    }
    if (key === 'options' && !terminal) {
      // While a task starts, the node appends pc-ept/cog/gltf at a moment the recording cannot pin down.
      const strip = (l: Json[]) =>
        JSON.stringify(l.filter((x) => !(isObj(x) && ['pc-ept', 'cog', 'gltf'].includes(x.name as string))));
      return strip(want) === strip(got) ? undefined : `${at}: ${show(got)}, recorded ${show(want)}`;
    }
    if (got.length !== want.length)
      return `${at}: ${got.length} items, recorded ${want.length} (${show(got)})`;
    for (const [j, w] of want.entries()) {
      const d = diff(w, got[j] as Json, `${at}[${j}]`, terminal, sub);
      if (d) return d;
    }
    return undefined;
  }
  if (!isObj(got)) return `${at}: ${show(got)} is not an object`;
  const wk = Object.keys(want).join(',');
  const gk = Object.keys(got).join(',');
  if (wk !== gk) return `${at || 'body'} keys [${gk}], recorded [${wk}]`;
  for (const k of Object.keys(want)) {
    const d = diff(want[k] as Json, got[k] as Json, `${at}.${k}`, terminal, sub);
    if (d) return d;
  }
  return undefined;
}
