/**
 * `scanbridge profiles list|add|remove`: NodeODM nodes saved by name. The address and task options go
 * to settings; a node's token goes to the secret store beside the cloud token, never to settings.json.
 */
import { removeNodeProfile, saveNodeProfile } from '../../core/nodeodm/profiles.js';
import { InvalidInputError } from '../../core/errors.js';
import { EXIT } from '../exit-codes.js';
import { printable, table } from '../format.js';
import { cliText, languageFor } from '../cli-language.js';
import { print, withService, type GlobalOptions } from '../context.js';
import { failureText } from './backends.js';
import { usageError } from '../usage-error.js';

export async function profilesListCommand(o: GlobalOptions): Promise<number> {
  const { t } = await cliText(languageFor(o));
  return withService(o, { lock: false }, async ({ service }) => {
    const s = await service.getSettings();
    const rows = s.profiles.filter((p) => p.kind === 'nodeodm');
    print(o, rows, () =>
      rows.length === 0
        ? t('cliCmd.profiles.none')
        : table(
            [
              t('cliCmd.profiles.head.name'),
              t('cliCmd.profiles.head.kind'),
              t('cliCmd.profiles.head.endpoint'),
            ],
            rows.map((p) => [printable(p.name, 60), p.kind, printable(p.endpoint ?? '', 200)]),
          ),
    );
    return EXIT.OK;
  });
}

export async function profilesAddCommand(
  name: string,
  o: GlobalOptions & { nodeToken?: string; option?: Record<string, unknown> },
): Promise<number> {
  const text = await cliText(languageFor(o));
  const { t } = text;
  if (!o.endpoint) throw usageError(text, 'cliCmd.profiles.needsEndpoint');
  const endpoint = o.endpoint;
  return withService({ ...o, endpoint: undefined }, { lock: false }, async ({ service, runtime }) => {
    const s = runtime.settings.get();
    if (s.profiles.some((p) => p.name === name))
      throw new InvalidInputError(
        text.en('cliCmd.profiles.exists', { name: printable(name, 60) }),
        text.en('cliCmd.profiles.existsHint'),
        { detail: 'profileExists', params: { name: printable(name, 60) } },
      );
    // The token is bound to this profile *at this address* (core/nodeodm/tokens.ts).
    await saveNodeProfile(runtime, { name, endpoint, options: o.option, token: o.nodeToken });
    const health = (await service.checkBackends()).find((r) => r.kind === 'nodeodm' && r.name === name);
    print(
      o,
      { name, kind: 'nodeodm', endpoint, tokenSaved: Boolean(o.nodeToken), reachable: health?.ok ?? false },
      () => {
        const said = { name: printable(name, 60), endpoint: printable(endpoint, 200) };
        const saved = t(o.nodeToken ? 'cliCmd.profiles.savedWithToken' : 'cliCmd.profiles.saved', said);
        if (!health || health.ok) return saved;
        const detail = health.error ? failureText(text, health.error) : health.detail;
        return `${saved}\n${t('cliCmd.profiles.notAnswering', { detail: printable(detail, 300) })}`;
      },
    );
    return EXIT.OK;
  });
}

export async function profilesRemoveCommand(name: string, o: GlobalOptions): Promise<number> {
  const text = await cliText(languageFor(o));
  return withService(o, { lock: false }, async ({ runtime }) => {
    const s = runtime.settings.get();
    if (!s.profiles.some((p) => p.name === name))
      throw new InvalidInputError(
        text.en('cliCmd.profiles.unknown', { name: printable(name, 60) }),
        text.en('cliCmd.profiles.unknownHint'),
        { detail: 'profileUnknown', params: { name: printable(name, 60) } },
      );
    if (!(await removeNodeProfile(runtime, name)))
      runtime.settings.update({ profiles: s.profiles.filter((p) => p.name !== name) });
    print(o, { removed: name }, () => text.t('cliCmd.profiles.removed', { name: printable(name, 60) }));
    return EXIT.OK;
  });
}
