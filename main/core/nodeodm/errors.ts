/**
 * NodeODM answers most failures with HTTP 200 and `{"error": "..."}`. This turns such a body (or a
 * bad status) into one of our typed errors, with the node's words kept and the token removed.
 */
import {
  BadRequestError,
  BadResponseError,
  InvalidInputError,
  InvalidTokenError,
  NetworkError,
  ScanBridgeError,
  ServerError,
  UnauthorizedError,
} from '../errors.js';

/** The node does not know this task: it was removed, or the node restarted and forgot it. */
export class TaskNotFoundError extends ScanBridgeError<'NOT_FOUND'> {
  constructor(uuid: string, nodeMessage: string) {
    super('NOT_FOUND', `The node no longer knows task ${uuid} (${nodeMessage}).`, {
      hint: 'The node may have restarted or removed the task. Send the set again to create a new task.',
      detail: { detail: 'nodeTask', params: { task: uuid } },
    });
  }
}

/** One problem with a processing option, as the node (or our validator) reports it. */
export interface OptionProblem {
  name: string;
  value?: unknown;
  error: string;
  /** What the node accepts for this option, in words ("positive integer", "one of a, b"). */
  accepted?: string;
  /** The closest option name, for an unknown one. */
  suggestion?: string;
}

export class InvalidOptionsError extends InvalidInputError {
  constructor(readonly problems: OptionProblem[]) {
    super(
      `Processing options rejected: ${problems.map((p) => `${p.name}: ${p.error}`).join('; ')}`,
      'Fix the listed options (see the node\u2019s /options for each one\u2019s allowed values).',
    );
  }
}

/**
 * An options error is a JSON string inside `error` (sometimes behind a prefix such as
 * "Invalid options: "): parse it a second time to list each problem.
 */
export function parseOptionProblems(error: string): OptionProblem[] | undefined {
  const start = error.search(/[[{]/);
  if (start < 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(error.slice(start));
  } catch {
    return undefined;
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const problems: OptionProblem[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) return undefined;
    const rec = item as Record<string, unknown>;
    if (typeof rec.name !== 'string') return undefined;
    const msg = rec.error ?? rec.message ?? rec.domain;
    problems.push({
      name: rec.name,
      value: rec.value,
      error: typeof msg === 'string' ? msg : 'not accepted by the node',
    });
  }
  return problems.length > 0 ? problems : undefined;
}

export interface BodyErrorContext {
  /** What we were doing, e.g. "GET /info", for the message. */
  what: string;
  /** Whether this request carried a token (the message then says "this token" or "none was sent"). */
  tokenSent?: boolean | undefined;
  /** Set when the call concerned one task, so "not found" becomes TaskNotFoundError. */
  uuid?: string | undefined;
  /** Where the node lives (already redacted). */
  node: string;
}

/** The node refused the token of this request: this one, or the missing one. */
export function nodeTokenError(ctx: BodyErrorContext, detail?: string): InvalidTokenError {
  const said = detail ? ` (${detail})` : '';
  return ctx.tokenSent
    ? new InvalidTokenError(
        `The node at ${ctx.node} refused this token${said}.`,
        'Check the token saved for this node (Settings › Backends, or --node-token) for typos, or ask its operator for the right one.',
        { detail: 'node', params: { server: ctx.node } },
      )
    : new InvalidTokenError(
        `The node at ${ctx.node} needs a token, and none was sent${said}.`,
        'Add the token to this node’s profile (Settings › Backends), or pass --node-token.',
        { detail: 'nodeNeedsToken', params: { server: ctx.node } },
      );
}

/** ClusterODM with no node to run on: nothing wrong with the request, try later or elsewhere. */
const NO_NODES = /no nodes? (are )?(online|available)/i;
/** The node (or ClusterODM) no longer has the task: removed, or forgotten by a restart. */
const TASK_GONE = /(not found|invalid uuid|no such task|does not exist|no task table entry|no longer exists)/;

/** Maps an `{"error": ...}` body to a typed error. */
export function bodyError(error: string, ctx: BodyErrorContext): ScanBridgeError {
  const lower = error.toLowerCase();
  if (lower.includes('token') && /(invalid|auth|missing|required|expired|match)/.test(lower)) {
    return nodeTokenError(ctx);
  }
  if (lower.includes('unauthori') || lower.includes('forbidden')) {
    return new UnauthorizedError(`The node at ${ctx.node} refused access: ${error}`, 'Check the token.', {
      detail: 'status',
      params: { server: ctx.node, status: 403 },
    });
  }
  if (NO_NODES.test(error)) {
    return new NetworkError(`The cluster at ${ctx.node} has no node to run this on right now (${error}).`, {
      hint: 'Try again later, or send the set to another backend.',
    });
  }
  if (ctx.uuid && TASK_GONE.test(lower)) {
    return new TaskNotFoundError(ctx.uuid, error);
  }
  const problems =
    lower.includes('option') || /^\s*[[{]/.test(error) ? parseOptionProblems(error) : undefined;
  if (problems) return new InvalidOptionsError(problems);
  return new BadRequestError(`The node at ${ctx.node} refused ${ctx.what}: ${error}`, undefined, {
    detail: 'said',
    params: { said: error },
  });
}

/** Maps a non-2xx status whose body carried no usable `error`. */
export function statusError(status: number, snippet: string, ctx: BodyErrorContext): ScanBridgeError {
  const tail = snippet ? `: ${snippet}` : '';
  // ClusterODM refuses a missing or wrong token with 401 and an empty body, on every route.
  if (status === 401) return nodeTokenError(ctx);
  if (status === 403) {
    return new UnauthorizedError(
      `The node at ${ctx.node} refused access (HTTP ${status})${tail}`,
      'Check the token.',
      { detail: 'status', params: { server: ctx.node, status } },
    );
  }
  if (status === 404) {
    return new BadResponseError(
      `The node at ${ctx.node} has no ${ctx.what} (HTTP 404). Is this a NodeODM or ClusterODM address?`,
      'Check the URL in the backend profile (e.g. http://host:3000).',
      { detail: { detail: 'notNode', params: { server: ctx.node } } },
    );
  }
  if (status === 413) {
    return new BadRequestError(
      `The node at ${ctx.node} (or a proxy in front of it) refused ${ctx.what} as too large (HTTP 413).`,
      'Lower the photos per upload request in the backend profile, or raise the proxy’s body size limit.',
      { detail: 'tooLargeForNode', params: { server: ctx.node } },
    );
  }
  if (status >= 500)
    return new ServerError(`The node at ${ctx.node} failed on ${ctx.what} (HTTP ${status})${tail}`, status);
  return new BadRequestError(
    `The node at ${ctx.node} refused ${ctx.what} (HTTP ${status})${tail}`,
    undefined,
    {
      detail: 'nodeStatus',
      params: { server: ctx.node, status },
    },
  );
}
