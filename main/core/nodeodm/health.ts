/**
 * One look at a node for `scanbridge backends` and the settings screen: reachable, token accepted,
 * what it offers. Never throws: a problem comes back as a serialisable error with its hint.
 */
import { toSerializedError, type SerializedError } from '../errors.js';
import { createNodeOdmClient, type AuthInfo, type NodeInfo } from './client.js';
import type { RetryPolicy } from '../net/retry.js';

export type NodeHealth =
  | { ok: true; node: string; info: NodeInfo; auth?: AuthInfo | undefined }
  | { ok: false; node: string; error: SerializedError };

export async function checkNodeHealth(opts: {
  url: string;
  token?: string | undefined;
  signal?: AbortSignal;
  retry?: RetryPolicy;
}): Promise<NodeHealth> {
  let node = opts.url;
  try {
    const client = createNodeOdmClient({
      url: opts.url,
      token: opts.token,
      retry: opts.retry ?? { retries: 1, baseMs: 300, maxMs: 1000 },
      idleTimeoutMs: 10_000,
    });
    node = client.node;
    const info = await client.info({ signal: opts.signal });
    // /auth/info is optional on older nodes: its absence is not a health problem.
    const auth = await client.authInfo({ signal: opts.signal }).catch(() => undefined);
    return { ok: true, node, info, auth };
  } catch (e) {
    return { ok: false, node, error: toSerializedError(e) };
  }
}
