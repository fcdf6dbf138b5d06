/** `scanbridge backends`: the configured profiles and whether each answers right now. */
import { findColmap } from '../../core/local/find-colmap.js';
import { createNodeOdmClient } from '../../core/nodeodm/client.js';
import { nodeOdmTarget } from '../../core/runtime.js';
import { toSerializedError } from '../../core/errors.js';
import { EXIT } from '../exit-codes.js';
import { withRuntime, type GlobalOptions } from '../context.js';

interface Health {
  name: string;
  kind: 'cloud' | 'nodeodm' | 'local';
  endpoint?: string | undefined;
  ok: boolean;
  detail: string;
}

export async function backendsCommand(o: GlobalOptions): Promise<number> {
  return withRuntime(o, { lock: false }, async (rt) => {
    const rows: Health[] = [];
    const cloud = rt.cloud();
    try {
      const s = await cloud.status();
      rows.push({
        name: 'OpenScan Cloud',
        kind: 'cloud',
        endpoint: cloud.baseUrl,
        ok: s.online,
        detail: s.raw,
      });
    } catch (e) {
      rows.push({
        name: 'OpenScan Cloud',
        kind: 'cloud',
        endpoint: cloud.baseUrl,
        ok: false,
        detail: toSerializedError(e).message,
      });
    }
    for (const p of rt.settings.get().profiles.filter((x) => x.kind === 'nodeodm')) {
      try {
        const t = await nodeOdmTarget(p.name, rt);
        const info = await createNodeOdmClient({ url: t.url, token: t.token }).info();
        rows.push({
          name: p.name,
          kind: 'nodeodm',
          endpoint: t.url,
          ok: true,
          detail: `NodeODM ${info.version}, queue ${info.taskQueueCount}, max ${info.maxImages ?? '∞'} images`,
        });
      } catch (e) {
        rows.push({
          name: p.name,
          kind: 'nodeodm',
          endpoint: p.endpoint,
          ok: false,
          detail: toSerializedError(e).message,
        });
      }
    }
    try {
      const c = await findColmap({ settingsPath: rt.settings.get().colmapPath || undefined });
      rows.push({
        name: 'This computer (COLMAP)',
        kind: 'local',
        ok: true,
        detail: `COLMAP ${c.version}: ${c.capabilities}`,
      });
    } catch (e) {
      rows.push({
        name: 'This computer (COLMAP)',
        kind: 'local',
        ok: false,
        detail: toSerializedError(e).message,
      });
    }
    if (o.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    else
      for (const r of rows)
        process.stdout.write(
          `${r.ok ? 'ok  ' : 'DOWN'} ${r.kind.padEnd(8)} ${r.name}${r.endpoint ? ` <${r.endpoint}>` : ''}: ${r.detail}\n`,
        );
    return rows.every((r) => r.ok) ? EXIT.OK : EXIT.NETWORK;
  });
}
