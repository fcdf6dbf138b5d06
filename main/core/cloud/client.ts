/**
 * The OpenScan Cloud client: every endpoint of the seeds as a typed function.
 * - Idempotent reads (getTokenInfo, getProjectInfo, getQueueEstimate, status) and resetProject
 *   (resetting twice leaves the same state: parts dropped, project `created`) are retried with
 *   backoff + jitter on network errors, 5xx and proxy junk.
 * - createProject, startProject and requestToken are never retried: a lost reply may mean the
 *   server did it, and doing it again would create twice, fail "already started", or mail twice.
 *   They surface a retryable NetworkError and the caller checks getProjectInfo.
 * - Inputs are checked before anything is sent, so a typo fails at once and says where.
 * - Every log line, reply copy and error message passes through `redact` with the token.
 */
import { z } from 'zod';
import {
  BadResponseError,
  InvalidInputError,
  LimitExceededError,
  NetworkError,
  ScanBridgeError,
  type ErrorCode,
} from '../errors.js';
import type { FailureBudget } from '../net/budget.js';
import { redact } from '../redact.js';
import { classifyReply, type Endpoint, type ReplyContext } from './classify.js';
import { retry, type RetryPolicy } from '../net/retry.js';
import { explainSilentRefusal } from './diagnose.js';
import { limitError } from './limits.js';
import { createTransport } from './transport.js';
import { checkCreate, checkProject, checkToken, normaliseBaseUrl } from './validate.js';
import {
  CreatedProjectSchema,
  DEFAULT_BASE_URL,
  ProjectInfoSchema,
  PUBLIC_AUTH,
  QueueEstimateSchema,
  StartedProjectSchema,
  StatusSchema,
  TokenInfoSchema,
  type CallOptions,
  type CloudClient,
  type CloudClientOptions,
  type CreateProjectParams,
  type ProjectInfo,
  type TokenInfo,
} from './types.js';

/** 400s that gave no reason: worth asking the read-only endpoints what is wrong (diagnose.ts). */
const silentRefusals = new WeakSet<object>();

/** Removes the token from an error's message, hint and stack, in place. */
function scrub<E extends Error>(e: E, secrets: string[]): E {
  e.message = redact(e.message, secrets);
  if (e.stack) e.stack = redact(e.stack, secrets);
  const withHint = e as unknown as { hint?: string };
  if (typeof withHint.hint === 'string') {
    Object.defineProperty(e, 'hint', { value: redact(withHint.hint, secrets), enumerable: true });
  }
  if (e instanceof ScanBridgeError) e.redactDetail((t) => redact(t, secrets));
  return e;
}

function schemaError(endpoint: Endpoint, host: string, err: z.ZodError): BadResponseError {
  const first = err.issues[0];
  const where = first ? `${first.path.join('.') || 'reply'}: ${first.message}` : 'unexpected shape';
  return new BadResponseError(
    `${host} answered ${endpoint} with data ScanBridge does not understand (${where}).`,
    'The OpenScan Cloud API may have changed; check for a ScanBridge update.',
    { detail: { detail: 'reply', params: { server: host, call: endpoint } } },
  );
}

export function createCloudClient(opts: CloudClientOptions = {}): CloudClient {
  const baseUrl = normaliseBaseUrl(opts.baseUrl ?? DEFAULT_BASE_URL);
  const host = new URL(baseUrl).host;
  const transport = createTransport({
    connectTimeoutMs: opts.connectTimeoutMs ?? 5000,
    responseTimeoutMs: opts.responseTimeoutMs ?? 30_000,
    auth: opts.auth ?? { ...PUBLIC_AUTH },
    ca: opts.ca,
  });
  const policy: RetryPolicy = {
    retries: Math.max(0, opts.retries ?? 5),
    baseMs: opts.retryBaseMs ?? 500,
    maxMs: opts.retryMaxMs ?? 8000,
    random: opts.random ?? Math.random,
  };
  const log = opts.log ?? (() => {});

  async function call(
    endpoint: Endpoint,
    params: Record<string, string>,
    ctx: {
      token?: string;
      project?: string;
      create?: CreateProjectParams;
      idempotent: boolean;
      signal?: AbortSignal;
      budget?: FailureBudget;
    },
  ): Promise<unknown> {
    const secrets = ctx.token ? [ctx.token] : [];
    const query = new URLSearchParams(params).toString();
    const shown = redact(query ? `${endpoint}?${query}` : endpoint, secrets);
    const replyCtx: ReplyContext = { endpoint, host, project: ctx.project, create: ctx.create };

    const attempt = async (): Promise<unknown> => {
      const started = Date.now();
      let reply;
      try {
        reply = await transport.get(`${baseUrl}/${endpoint}`, params, { signal: ctx.signal });
      } catch (e) {
        if (e instanceof Error) scrub(e, secrets);
        log(
          `GET ${shown} failed after ${Date.now() - started} ms: ${e instanceof Error ? e.message : String(e)}`,
        );
        throw e;
      }
      const body = redact(reply.body, secrets);
      log(`GET ${shown} -> ${reply.status} (${Date.now() - started} ms, ${reply.body.length} bytes)`);
      opts.onReply?.(endpoint, reply.status, body.length > 2000 ? `${body.slice(0, 2000)}…` : body);
      const c = classifyReply(replyCtx, reply);
      if (c.ok) return c.json;
      scrub(c.error, secrets);
      if (c.silent) silentRefusals.add(c.error);
      throw c.error;
    };

    if (!ctx.idempotent) return attempt();
    return retry(attempt, policy, {
      signal: ctx.signal,
      budgets: [ctx.budget],
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
      onRetry: ({ attempt: n, delayMs: delay, error: e }) =>
        log(
          `retry ${n}/${policy.retries} of ${endpoint} in ${delay} ms: ${e instanceof Error ? e.message : String(e)}`,
        ),
    });
  }

  function parse<S extends z.ZodTypeAny>(endpoint: Endpoint, schema: S, json: unknown): z.output<S> {
    const r = schema.safeParse(json);
    if (!r.success) throw schemaError(endpoint, host, r.error);
    return r.data as z.output<S>;
  }

  async function getTokenInfo(token: string, o: CallOptions = {}): Promise<TokenInfo> {
    const t = checkToken(token);
    const json = await call(
      'getTokenInfo',
      { token: t },
      { token: t, idempotent: true, signal: o.signal, budget: o.budget },
    );
    return parse('getTokenInfo', TokenInfoSchema, json);
  }

  async function getProjectInfo(token: string, project: string, o: CallOptions = {}): Promise<ProjectInfo> {
    try {
      return await fetchProjectInfo(token, project, o);
    } catch (e) {
      throw await explain('getProjectInfo', { token: checkToken(token), project }, e, o.signal);
    }
  }

  async function fetchProjectInfo(token: string, project: string, o: CallOptions = {}): Promise<ProjectInfo> {
    const t = checkToken(token);
    const p = checkProject(project);
    const json = await call(
      'getProjectInfo',
      { token: t, project: p },
      { token: t, project: p, idempotent: true, signal: o.signal, budget: o.budget },
    );
    const info = parse('getProjectInfo', ProjectInfoSchema, json);
    return {
      status: (info.status ?? '').trim(),
      ulink: info.ulink,
      ...(info.dlink ? { dlink: info.dlink } : {}),
      ...(info.error ? { error: redact(info.error, [t]) } : {}),
      raw: json,
    };
  }

  /** Replaces a vague limit refusal with exact numbers from getTokenInfo, when it answers. */
  async function explainLimits(
    t: string,
    c: CreateProjectParams,
    err: LimitExceededError,
    signal?: AbortSignal,
  ) {
    try {
      return limitError(await getTokenInfo(t, { signal }), c) ?? err;
    } catch {
      return err; // the refusal itself is the answer; the explanation was a bonus
    }
  }

  /** A reasonless refusal becomes the specific error the read-only endpoints reveal. */
  async function explain(
    endpoint: Endpoint,
    args: { token: string; project?: string; create?: CreateProjectParams },
    e: unknown,
    signal?: AbortSignal,
  ): Promise<unknown> {
    if (!(e instanceof ScanBridgeError) || !silentRefusals.has(e)) return e;
    const better = await explainSilentRefusal(endpoint, args, e, {
      getTokenInfo: (t) => getTokenInfo(t, { signal }),
      getProjectInfo: (t, p) => fetchProjectInfo(t, p, { signal }),
      limitError,
    });
    if (better !== e) log(`${endpoint}: the server gave no reason; asked it back: ${better.message}`);
    return scrub(better, [args.token]);
  }

  return {
    baseUrl,

    async requestToken(mail, forename, lastname, o = {}) {
      const m = (mail ?? '').trim();
      const f = (forename ?? '').trim();
      const l = (lastname ?? '').trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(m))
        throw new InvalidInputError(`"${m}" is not an e-mail address.`, undefined, {
          detail: 'mail',
          params: { mail: m },
        });
      if (!f || !l)
        throw new InvalidInputError(
          'Both the first and the last name are needed to request a token.',
          undefined,
          {
            detail: 'fullName',
            params: {},
          },
        );
      await call(
        'requestToken',
        { mail: m, forename: f, lastname: l },
        { idempotent: false, signal: o.signal, budget: o.budget },
      );
    },

    getTokenInfo,

    async createProject(token, c, o = {}) {
      const t = checkToken(token);
      const p = checkProject(c.project);
      checkCreate(c);
      const params = {
        token: t,
        project: p,
        photos: String(c.photos),
        parts: String(c.parts),
        filesize: String(c.filesize),
      };
      let json: unknown;
      try {
        json = await call('createProject', params, {
          token: t,
          project: p,
          create: c,
          idempotent: false,
          signal: o.signal,
          budget: o.budget,
        });
      } catch (e) {
        if (e instanceof LimitExceededError) throw scrub(await explainLimits(t, c, e, o.signal), [t]);
        if (silentRefusals.has(e as object))
          throw await explain('createProject', { token: t, project: p, create: c }, e, o.signal);
        if (e instanceof NetworkError) {
          // The server may have created it: tell the caller how to find out instead of guessing.
          throw new NetworkError(`${e.message} The project "${p}" may or may not have been created.`, {
            code: e.code as Extract<ErrorCode, 'NETWORK' | 'TIMEOUT'>,
            hint: 'Check it with getProjectInfo before creating it again.',
            retryable: e.retryable,
          });
        }
        throw e;
      }
      const created = parse('createProject', CreatedProjectSchema, json);
      if (created.ulink.length !== c.parts) {
        throw new BadResponseError(
          `${host} returned ${created.ulink.length} upload link(s) for ${c.parts} part(s) of "${p}".`,
          'Reset the project and try again; report this if it repeats.',
          { detail: { detail: 'reply', params: { server: host, call: 'createProject' } } },
        );
      }
      return created;
    },

    async startProject(token, project, o = {}) {
      const t = checkToken(token);
      const p = checkProject(project);
      try {
        const json = await call(
          'startProject',
          { token: t, project: p },
          { token: t, project: p, idempotent: false, signal: o.signal, budget: o.budget },
        );
        return parse('startProject', StartedProjectSchema, json);
      } catch (e) {
        if (e instanceof NetworkError) {
          throw new NetworkError(`${e.message} The project "${p}" may or may not have been started.`, {
            code: e.code as Extract<ErrorCode, 'NETWORK' | 'TIMEOUT'>,
            hint: 'Check its status with getProjectInfo before starting it again.',
            retryable: e.retryable,
          });
        }
        throw await explain('startProject', { token: t, project: p }, e, o.signal);
      }
    },

    getProjectInfo,

    async resetProject(token, project, o = {}) {
      const t = checkToken(token);
      const p = checkProject(project);
      try {
        await call(
          'resetProject',
          { token: t, project: p },
          { token: t, project: p, idempotent: true, signal: o.signal, budget: o.budget },
        );
      } catch (e) {
        throw await explain('resetProject', { token: t, project: p }, e, o.signal);
      }
    },

    async getQueueEstimate(token, o = {}) {
      const t = token === undefined || token.trim() === '' ? undefined : checkToken(token);
      const json = await call('getQueueEstimate', t ? { token: t } : {}, {
        token: t,
        idempotent: true,
        signal: o.signal,
        budget: o.budget,
      });
      return parse('getQueueEstimate', QueueEstimateSchema, json);
    },

    async status(o = {}) {
      const json = await call('status', {}, { idempotent: true, signal: o.signal, budget: o.budget });
      const raw = parse('status', StatusSchema, json).status.trim();
      return { online: raw.toLowerCase() === 'online', raw };
    },

    close() {
      transport.close();
    },
  };
}
