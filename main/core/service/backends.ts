/** The backend side of the service: the cloud overview and whether each configured backend answers. */
import { NetworkError, toSerializedError, type SerializedError } from '../errors.js';
import { findColmap } from '../local/find-colmap.js';
import { createFailureBudget } from '../net/budget.js';
import { createNodeOdmClient } from '../nodeodm/client.js';
import type { ScanBridgeHandlers } from '../../contract/index.js';
import { redactError } from '../../contract/dispatch.js';
import type { ServiceContext } from './context.js';

/** How long the overview keeps retrying a cloud that does not answer before it says "offline". */
const OVERVIEW_FAILING_MS = 3000;
/** The longest the overview waits for the cloud at all (one call that never answers). */
const OVERVIEW_WAIT_MS = 5000;

/** "The cloud did not answer within 5 s", as a TIMEOUT the front ends say from the catalogue. */
function overviewTimeout(endpoint: string): NetworkError {
  let server = endpoint;
  try {
    server = new URL(endpoint).host;
  } catch {
    // Not a URL: name it as written.
  }
  const seconds = OVERVIEW_WAIT_MS / 1000;
  return new NetworkError(`${server} did not answer within ${seconds} s.`, {
    code: 'TIMEOUT',
    hint: 'The connection is very slow or the server is down. Try again later.',
    detail: { detail: 'reply', params: { server, seconds } },
  });
}

export interface BackendHealth {
  name: string;
  kind: 'cloud' | 'nodeodm' | 'local';
  endpoint?: string | undefined;
  ok: boolean;
  /** Server text or an error message, sanitised by the front end before it is shown. */
  detail: string;
  /** What `detail` says, as facts a front end words in its language (a healthy node or COLMAP). */
  facts?:
    | { kind: 'nodeodm'; version: string; queue: number; maxImages?: number | undefined }
    | { kind: 'local'; version: string; cuda: boolean };
  /** Why the backend does not answer (code + params, token redacted), when that is the reason. */
  error?: SerializedError;
}

export interface BackendExtras {
  checkBackends(): Promise<BackendHealth[]>;
}

export function createBackendHandlers(
  ctx: ServiceContext,
): Pick<ScanBridgeHandlers, 'getCloudOverview'> & BackendExtras {
  const { deps, tokens } = ctx;
  const failed = (e: unknown) => ctx.redact(toSerializedError(e).message);
  const why = (e: unknown): SerializedError => redactError(toSerializedError(e), ctx.redact);
  /** The cloud address asked (--endpoint / SCANBRIDGE_ENDPOINT win over settings). */
  const cloudEndpoint = (): string => deps.cloudEndpoint?.() ?? deps.settings.get().endpoint;
  return {
    getCloudOverview: async () => {
      const token = await tokens.current();
      // A quick look, asked every minute and before the token dialog's "cannot be reached": a cloud
      // that does not answer is said to be offline within seconds, not after every call's full retries
      // (it took ~11 s of "Checking cloud…"), and the queue and credit are not asked of it at all.
      // The budget counts from the first failure; a server that takes the connection and never
      // answers fails nothing, so the whole look is also capped by the clock.
      const budget = createFailureBudget(OVERVIEW_FAILING_MS);
      const signal = AbortSignal.timeout(OVERVIEW_WAIT_MS);
      const [status] = await Promise.allSettled([
        deps.cloud.status({ budget, signal }).catch((e: unknown) => {
          throw signal.aborted ? overviewTimeout(cloudEndpoint()) : e;
        }),
      ]);
      const at = (deps.now?.() ?? new Date()).toISOString();
      if (status.status === 'rejected')
        return { online: false, statusText: ctx.redact((status.reason as Error).message), checkedAt: at };
      const [queue, info] = await Promise.allSettled([
        deps.cloud.getQueueEstimate(token, { budget, signal }),
        token ? tokens.infoOrUndefined() : Promise.resolve(undefined),
      ]);
      return {
        online: status.value.online,
        statusText: status.value.raw,
        ...(queue.status === 'fulfilled'
          ? { queueLength: queue.value.queue_length, estimatedSeconds: queue.value.estimated_seconds }
          : {}),
        ...(info.status === 'fulfilled' && info.value ? { credit: info.value.credit } : {}),
        checkedAt: at,
      };
    },

    checkBackends: async () => {
      const rows: BackendHealth[] = [];
      const endpoint = cloudEndpoint();
      try {
        const s = await deps.cloud.status();
        rows.push({ name: 'OpenScan Cloud', kind: 'cloud', endpoint, ok: s.online, detail: s.raw });
      } catch (e) {
        rows.push({
          name: 'OpenScan Cloud',
          kind: 'cloud',
          endpoint,
          ok: false,
          detail: failed(e),
          error: why(e),
        });
      }
      for (const p of deps.settings.get().profiles.filter((x) => x.kind === 'nodeodm')) {
        try {
          const t = await deps.nodeTarget!(p.name);
          const info = await createNodeOdmClient({ url: t.url, token: t.token }).info();
          rows.push({
            name: p.name,
            kind: 'nodeodm',
            endpoint: t.url,
            ok: true,
            detail: `NodeODM ${info.version}, queue ${info.taskQueueCount}, max ${info.maxImages ?? '∞'} images`,
            facts: {
              kind: 'nodeodm',
              version: info.version,
              queue: info.taskQueueCount,
              maxImages: info.maxImages ?? undefined,
            },
          });
        } catch (e) {
          rows.push({
            name: p.name,
            kind: 'nodeodm',
            endpoint: p.endpoint,
            ok: false,
            detail: failed(e),
            error: why(e),
          });
        }
      }
      try {
        const c = await findColmap({ settingsPath: deps.settings.get().colmapPath || undefined });
        rows.push({
          name: 'This computer (COLMAP)',
          kind: 'local',
          ok: true,
          detail: `COLMAP ${c.version}: ${c.capabilities}`,
          facts: { kind: 'local', version: c.version, cuda: c.cuda },
        });
      } catch (e) {
        rows.push({
          name: 'This computer (COLMAP)',
          kind: 'local',
          ok: false,
          detail: failed(e),
          error: why(e),
        });
      }
      return rows;
    },
  };
}
