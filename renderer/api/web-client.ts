/**
 * The ScanBridge API over the web bridge: calls are POST /api/<method> with the per-run secret in a
 * header; events come over one shared EventSource (which cannot send headers, so the secret rides
 * in its URL). The secret arrives once in the page URL (`?s=`), is kept in sessionStorage (this tab
 * only) and stripped from the address bar so it is not bookmarked, shared or shown.
 */
import {
  ApiCallError,
  createClient,
  unwrapEnvelope,
  type ApiEventName,
  type ScanBridgeApi,
} from '../../main/contract/index.js';

const STORAGE_KEY = 'scanbridge.secret';

export function takeSecretFromUrl(
  loc: Location = window.location,
  store: Storage = sessionStorage,
): string | null {
  const params = new URLSearchParams(loc.search);
  const fromUrl = params.get('s');
  if (fromUrl) {
    store.setItem(STORAGE_KEY, fromUrl);
    params.delete('s');
    const rest = params.toString();
    window.history.replaceState(null, '', `${loc.pathname}${rest ? `?${rest}` : ''}${loc.hash}`);
    return fromUrl;
  }
  return store.getItem(STORAGE_KEY);
}

const refused = () =>
  new ApiCallError({
    name: 'ForbiddenError',
    code: 'UNAUTHORIZED',
    message: 'ScanBridge refused this page: it was not opened with the link ScanBridge printed.',
    hint: 'Open the URL that `npm start` printed (it starts with http://127.0.0.1).',
    retryable: false,
  });

export function createWebClient(secret: string | null): ScanBridgeApi {
  let source: EventSource | undefined;
  const listeners = new Map<ApiEventName, Set<(p: unknown) => void>>();

  const ensureSource = () => {
    if (source || !secret) return;
    source = new EventSource(`/api/events?s=${encodeURIComponent(secret)}`);
  };

  return createClient({
    async call(method, args) {
      if (!secret) throw refused();
      let res: Response;
      try {
        res = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-scanbridge-secret': secret },
          body: JSON.stringify(args),
        });
      } catch {
        throw new ApiCallError({
          name: 'NetworkError',
          code: 'NETWORK',
          message: 'ScanBridge is not running any more.',
          hint: 'Start it again with `npm start`, then reload this page.',
          retryable: true,
        });
      }
      if (res.status === 403) throw refused();
      return res.json();
    },
    // Model bytes for the 3D preview: a streamed GET, never JSON (files run to hundreds of MB).
    async readResultFile(jobId, relPath) {
      if (!secret) throw refused();
      const rel = relPath.split('/').map(encodeURIComponent).join('/');
      let res: Response;
      try {
        res = await fetch(`/api/file/${encodeURIComponent(jobId)}/${rel}`, {
          headers: { 'x-scanbridge-secret': secret },
        });
      } catch {
        throw new ApiCallError({
          name: 'NetworkError',
          code: 'NETWORK',
          message: 'ScanBridge is not running any more.',
          hint: 'Start it again with `npm start`, then reload this page.',
          retryable: true,
        });
      }
      if (res.status === 403) throw refused();
      if (!res.ok) unwrapEnvelope(await res.json().catch(() => undefined));
      return res.arrayBuffer();
    },
    subscribe(event, listener) {
      ensureSource();
      let set = listeners.get(event);
      if (!set) {
        const fresh = new Set<(p: unknown) => void>();
        listeners.set(event, fresh);
        source?.addEventListener(event, (e) => {
          let data: unknown;
          try {
            data = JSON.parse((e as MessageEvent<string>).data);
          } catch {
            return;
          }
          for (const l of fresh) l(data);
        });
        set = fresh;
      }
      set.add(listener);
      return () => set.delete(listener);
    },
  });
}
