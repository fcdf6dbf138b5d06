/**
 * The token side of the service. A token is checked with getTokenInfo BEFORE it is stored, so a
 * typo never replaces a working token; the renderer only ever receives it masked.
 */
import { InvalidInputError } from '../errors.js';
import { maskToken } from '../redact.js';
import { normalizeToken } from '../settings/secret-store.js';
import type { ScanBridgeHandlers, TokenInfo, TokenStatus } from '../../contract/index.js';
import { ok, type ServiceContext } from './context.js';
import type { CloudPort, SecretPort, TokenService } from './ports.js';
import { serializeThrown } from '../../contract/index.js';

const INFO_TTL_MS = 60_000;

export type { TokenService };

export function createTokenService(deps: {
  cloud: CloudPort;
  secrets: SecretPort;
  publicToken?: string | undefined;
  onChange: (s: TokenStatus) => void;
  now?: () => number;
}): TokenService {
  const now = deps.now ?? Date.now;
  const seen = new Set<string>();
  if (deps.publicToken) seen.add(deps.publicToken);
  let cache: { token: string; info: TokenInfo; at: number } | undefined;

  const kindOf = (t: string): TokenStatus['kind'] =>
    deps.publicToken !== undefined && t === deps.publicToken ? 'public' : 'private';

  const current = async () => {
    const t = await deps.secrets.get();
    if (t) seen.add(t);
    return t || undefined;
  };

  const fetchInfo = async (token: string): Promise<TokenInfo> => {
    if (cache && cache.token === token && now() - cache.at < INFO_TTL_MS) return cache.info;
    const info = await deps.cloud.getTokenInfo(token);
    const plain = {
      credit: info.credit,
      limit_filesize: info.limit_filesize,
      limit_photos: info.limit_photos,
    };
    cache = { token, info: plain, at: now() };
    return plain;
  };

  const statusOf = async (token: string | undefined): Promise<TokenStatus> => {
    if (!token) return { hasToken: false, kind: 'none' };
    const base = { hasToken: true, masked: maskToken(token), kind: kindOf(token) } as const;
    try {
      return { ...base, info: await fetchInfo(token) };
    } catch (e) {
      return { ...base, error: serializeThrown(e) };
    }
  };

  /** Checks first, stores second: a wrong token throws and leaves the stored one alone. */
  const store = async (token: string): Promise<TokenStatus> => {
    seen.add(token);
    const info = await deps.cloud.getTokenInfo(token);
    await deps.secrets.set(token);
    cache = { token, info, at: now() };
    const s: TokenStatus = { hasToken: true, masked: maskToken(token), kind: kindOf(token), info };
    deps.onChange(s);
    return s;
  };

  return {
    status: async () => statusOf(await current()),
    set: async (raw) => store(normalizeToken(raw)),
    usePublic: async () => {
      if (!deps.publicToken) {
        throw new InvalidInputError(
          'No public token is configured for this endpoint.',
          'Request a private token instead; it comes by mail.',
          { detail: 'noPublicToken', params: {} },
        );
      }
      return store(deps.publicToken);
    },
    clear: async () => {
      await deps.secrets.clear();
      cache = undefined;
      const s: TokenStatus = { hasToken: false, kind: 'none' };
      deps.onChange(s);
      return s;
    },
    current,
    infoOrUndefined: async () => {
      const t = await current();
      if (!t) return undefined;
      return fetchInfo(t).catch(() => undefined);
    },
    known: () => [...seen],
  };
}

export interface TokenExtras {
  /** Credit and limits of the token in use, asked live; throws (NoTokenError, 401…) for the CLI's exit code. */
  tokenInfo(): Promise<{ masked: string; info: TokenInfo }>;
}

export function createTokenHandlers(
  ctx: ServiceContext,
): Pick<
  ScanBridgeHandlers,
  'getTokenStatus' | 'setToken' | 'usePublicToken' | 'requestToken' | 'clearToken'
> &
  TokenExtras {
  const { deps, tokens, log } = ctx;
  return {
    getTokenStatus: () => tokens.status(),
    setToken: async (raw) => {
      const s = await tokens.set(raw);
      log.add('info', { code: 'tokenSaved', params: { masked: s.masked ?? '' } });
      return s;
    },
    usePublicToken: async () => {
      const s = await tokens.usePublic();
      log.add('info', { code: 'tokenPublic', params: {} });
      return s;
    },
    requestToken: async ({ mail, forename, lastname }) => {
      await deps.cloud.requestToken(mail, forename, lastname);
      log.add('info', { code: 'tokenRequested', params: {} });
      return ok;
    },
    clearToken: async () => {
      const s = await tokens.clear();
      log.add('info', { code: 'tokenRemoved', params: {} });
      return s;
    },
    tokenInfo: async () => {
      const token = await ctx.tokenOrThrow();
      const info = await deps.cloud.getTokenInfo(token);
      return {
        masked: maskToken(token),
        info: { credit: info.credit, limit_filesize: info.limit_filesize, limit_photos: info.limit_photos },
      };
    },
  };
}
