/** The settings side of the service: what the UI may read and change (never a token). */
import type { Settings as CoreSettings } from '../settings/schema.js';
import type { ScanBridgeHandlers, Settings } from '../../contract/index.js';
import type { ServiceContext } from './context.js';

export function uiSettings(s: CoreSettings): Settings {
  return {
    endpoint: s.endpoint,
    concurrency: s.concurrency,
    partSize: s.partSize,
    bandwidthCapMBps: s.bandwidthCapMBps,
    downloadDir: s.downloadDir,
    autoDownload: s.autoDownload,
    downloadCapGB: s.downloadCapGB,
    colmapPath: s.colmapPath,
    locale: s.locale,
    theme: s.theme,
    profiles: s.profiles.map((p) => ({
      name: p.name,
      kind: p.kind,
      ...(p.endpoint ? { endpoint: p.endpoint } : {}),
    })),
  };
}

export function createSettingsHandlers(
  ctx: ServiceContext,
): Pick<ScanBridgeHandlers, 'getSettings' | 'updateSettings'> {
  const { deps, log } = ctx;
  return {
    getSettings: async () => uiSettings(deps.settings.get()),
    updateSettings: async (patch) => {
      if (patch.profiles) {
        // The UI edits names and addresses; options set elsewhere (CLI, settings file) are kept.
        const before = deps.settings.get().profiles;
        patch = {
          ...patch,
          profiles: patch.profiles.map((p) => {
            const options = before.find((b) => b.name === p.name && b.kind === p.kind)?.options;
            return options ? { ...p, options } : p;
          }),
        };
      }
      const next = uiSettings(deps.settings.update(patch));
      log.add('info', { code: 'settingsChanged', params: { keys: Object.keys(patch).join(', ') } });
      return next;
    },
  };
}
