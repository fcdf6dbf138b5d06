/** The backend side of the service: the cloud overview and whether each configured backend answers. */
import { toSerializedError } from '../errors.js';
import { findColmap } from '../local/find-colmap.js';
import { createNodeOdmClient } from '../nodeodm/client.js';
import type { ScanBridgeHandlers } from '../../contract/index.js';
import type { ServiceContext } from './context.js';

export interface BackendHealth {
  name: string;
  kind: 'cloud' | 'nodeodm' | 'local';
  endpoint?: string | undefined;
  ok: boolean;
  /** Server text or an error message, sanitised by the front end before it is shown. */
  detail: string;
}

export interface BackendExtras {
  checkBackends(): Promise<BackendHealth[]>;
}

export function createBackendHandlers(
  ctx: ServiceContext,
): Pick<ScanBridgeHandlers, 'getCloudOverview'> & BackendExtras {
  const { deps, tokens } = ctx;
  const failed = (e: unknown) => ctx.redact(toSerializedError(e).message);
  return {
    getCloudOverview: async () => {
      const token = await tokens.current();
      const [status, queue, info] = await Promise.allSettled([
        deps.cloud.status(),
        deps.cloud.getQueueEstimate(token),
        token ? tokens.infoOrUndefined() : Promise.resolve(undefined),
      ]);
      const at = (deps.now?.() ?? new Date()).toISOString();
      return {
        online: status.status === 'fulfilled' && status.value.online,
        statusText:
          status.status === 'fulfilled' ? status.value.raw : ctx.redact((status.reason as Error).message),
        ...(queue.status === 'fulfilled'
          ? { queueLength: queue.value.queue_length, estimatedSeconds: queue.value.estimated_seconds }
          : {}),
        ...(info.status === 'fulfilled' && info.value ? { credit: info.value.credit } : {}),
        checkedAt: at,
      };
    },

    checkBackends: async () => {
      const rows: BackendHealth[] = [];
      const endpoint = deps.settings.get().endpoint;
      try {
        const s = await deps.cloud.status();
        rows.push({ name: 'OpenScan Cloud', kind: 'cloud', endpoint, ok: s.online, detail: s.raw });
      } catch (e) {
        rows.push({ name: 'OpenScan Cloud', kind: 'cloud', endpoint, ok: false, detail: failed(e) });
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
          });
        } catch (e) {
          rows.push({ name: p.name, kind: 'nodeodm', endpoint: p.endpoint, ok: false, detail: failed(e) });
        }
      }
      try {
        const c = await findColmap({ settingsPath: deps.settings.get().colmapPath || undefined });
        rows.push({
          name: 'This computer (COLMAP)',
          kind: 'local',
          ok: true,
          detail: `COLMAP ${c.version}: ${c.capabilities}`,
        });
      } catch (e) {
        rows.push({ name: 'This computer (COLMAP)', kind: 'local', ok: false, detail: failed(e) });
      }
      return rows;
    },
  };
}
