/**
 * Turns one raw reply into parsed JSON or a typed error. The OpenScan Cloud answers errors as
 * JSON `{"error": …}` or as Flask's plain-text 400, reports an unknown project as a 401 (told apart
 * from refused Basic auth by the body), and sits behind proxies that answer HTML pages or nothing.
 * Whether the same idempotent call is worth repeating (5xx, proxy pages, cut bodies) is decided here,
 * once, and set on the error (`retryable`, `retryAfterMs`); see main/core/net.
 */
import {
  BadRequestError,
  BadResponseError,
  InvalidTokenError,
  LimitExceededError,
  NetworkError,
  ProjectExistsError,
  ProjectNotFoundError,
  ScanBridgeError,
  ServerError,
  UnauthorizedError,
} from '../errors.js';
import { sanitize } from '../sanitize.js';
import { parseRetryAfter } from '../net/backoff.js';
import type { CreateProjectParams } from './types.js';
import type { ErrorDetailOf } from '../../contract/error-details.js';

export type Endpoint =
  | 'requestToken'
  | 'getTokenInfo'
  | 'createProject'
  | 'startProject'
  | 'getProjectInfo'
  | 'resetProject'
  | 'getQueueEstimate'
  | 'status';

export interface ReplyContext {
  endpoint: Endpoint;
  host: string;
  project?: string;
  create?: CreateProjectParams;
}

export type Classified =
  | { ok: true; json: unknown }
  /** `silent`: a 400-class refusal that gave no reason (Flask's default text or nothing). */
  | { ok: false; error: ScanBridgeError; silent?: boolean };

export type BodyKind = 'json' | 'html' | 'empty' | 'text';

export interface ParsedBody {
  kind: BodyKind;
  json?: unknown;
  /** What the server said, as one short line (error field, plain text, or an HTML title). */
  message: string;
}

/** Flask's default 400 text: the server says nothing about what was wrong. */
const FLASK_400 = /could not understand/i;

function oneLine(s: string, max = 200): string {
  const t = sanitize(s, 10_000);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function parseBody(body: string, contentType: string): ParsedBody {
  const t = body.trim();
  if (t === '') return { kind: 'empty', message: '' };
  if (/html/i.test(contentType) || t.startsWith('<')) {
    const title =
      /<title[^>]*>([^<]*)<\/title>/i.exec(t)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(t)?.[1] ?? '';
    return { kind: 'html', message: oneLine(title, 80) };
  }
  try {
    const json: unknown = JSON.parse(t);
    let message = '';
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      const o = json as Record<string, unknown>;
      const m = o.error ?? o.message;
      if (typeof m === 'string') message = oneLine(m);
    } else if (typeof json === 'string') {
      message = oneLine(json);
    }
    return { kind: 'json', json, message };
  } catch {
    return { kind: 'text', message: oneLine(t) };
  }
}

/**
 * Part numbers (1-based) named in a "parts missing" message: "Missing parts 2, 3 of 5",
 * "missing part 4", "parts [1, 4] are missing". Only the first list after the word counts, so
 * "… of 5" does not read as part 5.
 */
export function parseMissingParts(message: string): number[] {
  const m = /parts?\b\D{0,20}?(\d+(?:\s*(?:,|and|&)?\s*\d+)*)/i.exec(message);
  if (!m?.[1]) return [];
  return [...m[1].matchAll(/\d+/g)].map((x) => Number(x[0])).filter((n) => n >= 1 && n < 100_000);
}

const NOT_EXIST =
  /(doesn'?t exist|does not exist|not exist|not found|unknown|no such|invalid|not valid|wrong)/i;

function isTokenProblem(msg: string): boolean {
  return /token/i.test(msg) && NOT_EXIST.test(msg);
}
function isProjectMissing(msg: string): boolean {
  return /project/i.test(msg) && NOT_EXIST.test(msg);
}

function quote(msg: string): string {
  return msg ? `: "${msg}"` : ' without saying why';
}

/** A 400-class refusal, read per endpoint. */
function refusal(ctx: ReplyContext, msg: string, status: number): ScanBridgeError {
  const silent = msg === '' || FLASK_400.test(msg);
  const said = silent ? '' : msg;
  const project = ctx.project ?? '';
  // What the UI and CLI say in the person's language: the server's own words, else its status.
  const why: ErrorDetailOf<'BAD_REQUEST'> = said
    ? { detail: 'said', params: { said } }
    : { detail: 'status', params: { status } };
  const tokenSaid: ErrorDetailOf<'INVALID_TOKEN'> | undefined = said
    ? { detail: 'said', params: { said } }
    : undefined;
  if (ctx.endpoint === 'getTokenInfo') {
    return new InvalidTokenError(
      said ? `The OpenScan Cloud does not accept this token${quote(said)}.` : undefined,
      undefined,
      tokenSaid,
    );
  }
  if (said && isTokenProblem(said))
    return new InvalidTokenError(
      `The OpenScan Cloud does not accept this token${quote(said)}.`,
      undefined,
      tokenSaid,
    );

  switch (ctx.endpoint) {
    case 'createProject': {
      const c = ctx.create;
      if (/(already|exists|taken|in use|duplicate|used)/i.test(said)) return new ProjectExistsError(project);
      if (/credit/i.test(said)) {
        return new LimitExceededError(`Not enough credit for this set${quote(said)}.`, [
          { what: 'credit', limit: -1, actual: c?.filesize ?? -1 },
        ]);
      }
      if (/photo|image/i.test(said)) {
        return new LimitExceededError(`Too many photos for this token${quote(said)}.`, [
          { what: 'photos', limit: -1, actual: c?.photos ?? -1 },
        ]);
      }
      if (/size|large|big/i.test(said) && !/part/i.test(said)) {
        return new LimitExceededError(`The set is larger than this token allows${quote(said)}.`, [
          { what: 'filesize', limit: -1, actual: c?.filesize ?? -1 },
        ]);
      }
      return new BadRequestError(
        `The OpenScan Cloud refused to create the project "${project}"${quote(said)}.`,
        silent
          ? "Usual causes: an unknown token, a project name already used, or a set over the token's limits."
          : undefined,
        why,
      );
    }
    case 'startProject': {
      if (said && isProjectMissing(said)) return new ProjectNotFoundError(project);
      const missing = parseMissingParts(said);
      if (missing.length > 0 || /missing|incomplete|not (yet )?uploaded/i.test(said)) {
        return new BadRequestError(
          `The project "${project}" cannot start yet${quote(said)}.`,
          'Upload the missing parts, then start it again.',
          why,
        );
      }
      if (/already/i.test(said)) {
        return new BadRequestError(
          `The project "${project}" was already started${quote(said)}.`,
          'Follow its status instead of starting it again.',
          why,
        );
      }
      return new BadRequestError(
        `The OpenScan Cloud refused to start the project "${project}"${quote(said)}.`,
        undefined,
        why,
      );
    }
    case 'getProjectInfo':
    case 'resetProject':
      if (
        (said && isProjectMissing(said)) ||
        (ctx.endpoint === 'resetProject' && /exist|found/i.test(said))
      ) {
        return new ProjectNotFoundError(project);
      }
      return new BadRequestError(
        `The OpenScan Cloud refused the request for project "${project}"${quote(said)}.`,
        silent ? 'Check the token and the project name.' : undefined,
        why,
      );
    case 'requestToken':
      return new BadRequestError(
        `The token request was refused${quote(said)}.`,
        'Check the e-mail address and both names.',
        why,
      );
    default:
      return new BadRequestError(
        `The OpenScan Cloud refused the request ${ctx.endpoint} (HTTP ${status})${quote(said)}.`,
        undefined,
        why,
      );
  }
}

export function classifyReply(
  ctx: ReplyContext,
  reply: { status: number; body: string; contentType: string; location?: string; retryAfter?: string },
): Classified {
  const { status } = reply;
  const body = parseBody(reply.body, reply.contentType);
  const host = ctx.host;
  const fail = (error: ScanBridgeError): Classified => ({ ok: false, error });

  if (status >= 500 || status === 429 || status === 408) {
    const what =
      body.kind === 'html'
        ? ` (${body.message || 'an error page'})`
        : body.message
          ? `: "${body.message}"`
          : '';
    return fail(
      new ServerError(
        status === 429
          ? `The OpenScan Cloud is busy and asked us to slow down (HTTP 429).`
          : `The OpenScan Cloud or a proxy in front of it failed (HTTP ${status})${what}.`,
        status,
        'This is usually temporary. Try again in a few minutes.',
        parseRetryAfter(reply.retryAfter),
      ),
    );
  }
  if (status >= 300 && status < 400) {
    let to = '';
    try {
      if (reply.location) to = ` to ${new URL(reply.location, `http://${host}/`).origin}`;
    } catch {
      /* an unparsable Location says nothing useful */
    }
    return fail(
      new BadResponseError(
        `${host} redirected the request${to} instead of answering (HTTP ${status}).`,
        'Check the server address (http or https?). On public Wi-Fi, log in to the network first.',
        { detail: { detail: 'redirect', params: { server: host, call: ctx.endpoint } } },
      ),
    );
  }
  if (status === 401) {
    if (
      isProjectMissing(body.message) ||
      (ctx.endpoint === 'getProjectInfo' && /project/i.test(body.message))
    ) {
      return fail(new ProjectNotFoundError(ctx.project ?? ''));
    }
    return fail(
      new UnauthorizedError(
        `The server at ${host} refused the API's access credentials (HTTP 401${body.message ? `: "${body.message}"` : ''}).`,
        'Check that the server address points to the OpenScan Cloud; its API may have changed.',
        { detail: 'status', params: { server: host, status } },
      ),
    );
  }
  if (status === 403) {
    return fail(
      new UnauthorizedError(
        `The server at ${host} refused access (HTTP 403).`,
        'Check the server address and token.',
        { detail: 'status', params: { server: host, status } },
      ),
    );
  }
  if (status === 404 && body.kind !== 'json') {
    return fail(
      new BadResponseError(
        `${host} does not offer "${ctx.endpoint}" (HTTP 404).`,
        'Check that the server address points to the OpenScan Cloud API.',
        { detail: { detail: 'noSuchCall', params: { server: host, call: ctx.endpoint } } },
      ),
    );
  }
  if (status === 407) {
    return fail(
      new NetworkError('A proxy between this computer and the OpenScan Cloud requires a login (HTTP 407).', {
        hint: 'Configure the proxy credentials, or use a network without that proxy.',
        retryable: false,
      }),
    );
  }
  if (status >= 400) {
    // Werkzeug's 400 page (HTML or plain) is the API's own "no reason given" refusal.
    const flask = FLASK_400.test(reply.body);
    const silent = flask || body.message === '';
    if (body.kind === 'html' && !flask) {
      // A proxy's 4xx page, not the API's: it cannot say anything about our token or project.
      return fail(
        new BadResponseError(
          `${host} answered with a web page (HTTP ${status}${body.message ? `, ${body.message}` : ''}) instead of the API.`,
          'Check the server address and any proxy in between.',
          { detail: { detail: 'webPage', params: { server: host, call: ctx.endpoint } } },
        ),
      );
    }
    return { ok: false, error: refusal(ctx, flask ? '' : body.message, status), silent };
  }
  // 2xx
  if (body.kind === 'html') {
    return fail(
      new BadResponseError(
        `${host} answered with a web page instead of API data${body.message ? ` ("${body.message}")` : ''}.`,
        'A Wi-Fi login page or a proxy may be in the way, or the address is not the OpenScan Cloud API.',
        { retryable: true, detail: { detail: 'webPage', params: { server: host, call: ctx.endpoint } } },
      ),
    );
  }
  if (body.kind === 'empty') {
    return fail(
      new BadResponseError(
        `${host} sent an empty reply to ${ctx.endpoint}.`,
        'This is usually a proxy hiccup; try again.',
        { retryable: true, detail: { detail: 'empty', params: { server: host, call: ctx.endpoint } } },
      ),
    );
  }
  if (body.kind === 'text') {
    return fail(
      new BadResponseError(
        `${host} sent a reply to ${ctx.endpoint} that is not valid JSON.`,
        'The reply may have been cut; try again.',
        { retryable: true, detail: { detail: 'notJson', params: { server: host, call: ctx.endpoint } } },
      ),
    );
  }
  const j = body.json;
  // A 200 carrying only an error is a refusal; one that also has a status is a report (e.g. a
  // project whose processing failed, with the reason in `error`).
  const o = j && typeof j === 'object' && !Array.isArray(j) ? (j as Record<string, unknown>) : undefined;
  if (o && typeof o.error === 'string' && o.status === undefined) {
    return fail(refusal(ctx, body.message, status));
  }
  return { ok: true, json: j };
}
