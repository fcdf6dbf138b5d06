/**
 * Tokens per NodeODM node. A token belongs to one entry (a saved profile, or an ad-hoc node) *and* to
 * the node address it was saved for: the secret's name carries a hash of that address, so a token is
 * only ever found for — and sent to — its own node, even after a profile is pointed somewhere else.
 * Stored in the same secret store as the cloud token (safeStorage in the app, 0600 file in CLI/web);
 * never in settings.json, never in the journal, never logged.
 */
import { createHash } from 'node:crypto';
import { InvalidInputError } from '../errors.js';
import { normalizeToken, type SecretStore } from '../settings/secret-store.js';

/** Which token entry a job uses: its profile's, or the ad-hoc one of its node. Journaled with the job. */
export type NodeTokenRef = { kind: 'profile'; profile: string } | { kind: 'node' };

export interface NodeTokens {
  /** The token for this entry at this node, or undefined (then none is sent). */
  get(ref: NodeTokenRef, nodeUrl: string): Promise<string | undefined>;
  set(ref: NodeTokenRef, nodeUrl: string, token: string): Promise<void>;
  clear(ref: NodeTokenRef, nodeUrl: string): Promise<void>;
  /** Whether a token is saved (for the UI: it never gets the token itself). */
  has(ref: NodeTokenRef, nodeUrl: string): Promise<boolean>;
}

export interface NodeTokensOptions {
  /** The secret store for one secret name (the app passes safeStorage-backed ones). */
  secretsFor: (name: string) => SecretStore;
  /** A token given for one ad-hoc node on the command line: used for that node only, never stored. */
  override?: { url: string; token: string } | undefined;
}

/** The address a token is bound to: origin and path (two services behind one host are two nodes). */
export function nodeKey(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InvalidInputError(`"${url}" is not a node address.`, 'Use e.g. http://host:3000.', {
      detail: 'address',
      params: { address: url },
    });
  }
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`.toLowerCase();
}

/** The secret's name: the entry and a hash of the node address (names allow [A-Za-z0-9_-], ≤ 64). */
export function secretNameFor(ref: NodeTokenRef, nodeUrl: string): string {
  const hash = createHash('sha256').update(nodeKey(nodeUrl)).digest('hex').slice(0, 12);
  const entry =
    ref.kind === 'profile'
      ? `p-${ref.profile.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 32)}-${createHash('sha256').update(ref.profile).digest('hex').slice(0, 6)}`
      : 'n';
  return `nodeodm-${entry}-${hash}`;
}

export function createNodeTokens(opts: NodeTokensOptions): NodeTokens {
  const store = (ref: NodeTokenRef, url: string) => opts.secretsFor(secretNameFor(ref, url));
  const overrideFor = (ref: NodeTokenRef, url: string): string | undefined =>
    ref.kind === 'node' && opts.override && nodeKey(opts.override.url) === nodeKey(url)
      ? opts.override.token
      : undefined;
  return {
    async get(ref, url) {
      return overrideFor(ref, url) ?? (await store(ref, url).get()) ?? undefined;
    },
    async set(ref, url, token) {
      await store(ref, url).set(normalizeToken(token));
    },
    async clear(ref, url) {
      await store(ref, url).clear();
    },
    async has(ref, url) {
      return (await this.get(ref, url)) !== undefined;
    },
  };
}
