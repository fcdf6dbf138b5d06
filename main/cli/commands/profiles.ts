/**
 * `scanbridge profiles list|add|remove`: NodeODM nodes saved by name. The address and task options go
 * to settings; a node's token goes to the secret store beside the cloud token, never to settings.json.
 */
import { removeNodeProfile, saveNodeProfile } from '../../core/nodeodm/profiles.js';
import { InvalidInputError } from '../../core/errors.js';
import { EXIT } from '../exit-codes.js';
import { printable, table } from '../format.js';
import { print, withService, type GlobalOptions } from '../context.js';
import { UsageError } from '../usage-error.js';

export async function profilesListCommand(o: GlobalOptions): Promise<number> {
  return withService(o, { lock: false }, async ({ service }) => {
    const s = await service.getSettings();
    const rows = s.profiles.filter((p) => p.kind === 'nodeodm');
    print(o, rows, () =>
      rows.length === 0
        ? 'No NodeODM profiles. Add one: scanbridge profiles add NAME --endpoint URL [--node-token T]'
        : table(
            ['NAME', 'KIND', 'ENDPOINT'],
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
  if (!o.endpoint) throw new UsageError('profiles add needs the node address: --endpoint URL.');
  const endpoint = o.endpoint;
  return withService({ ...o, endpoint: undefined }, { lock: false }, async ({ service, runtime }) => {
    const s = runtime.settings.get();
    if (s.profiles.some((p) => p.name === name))
      throw new InvalidInputError(
        `There is already a profile named "${printable(name, 60)}".`,
        'Remove it first, or choose another name.',
      );
    // The token is bound to this profile *at this address* (core/nodeodm/tokens.ts).
    await saveNodeProfile(runtime, { name, endpoint, options: o.option, token: o.nodeToken });
    const health = (await service.checkBackends()).find((r) => r.kind === 'nodeodm' && r.name === name);
    print(
      o,
      { name, kind: 'nodeodm', endpoint, tokenSaved: Boolean(o.nodeToken), reachable: health?.ok ?? false },
      () =>
        `Saved NodeODM profile ${printable(name, 60)} <${printable(endpoint, 200)}>${o.nodeToken ? ' with its token' : ''}.` +
        (health && !health.ok
          ? `\nwarning: the node does not answer now: ${printable(health.detail, 300)}`
          : ''),
    );
    return EXIT.OK;
  });
}

export async function profilesRemoveCommand(name: string, o: GlobalOptions): Promise<number> {
  return withService(o, { lock: false }, async ({ runtime }) => {
    const s = runtime.settings.get();
    if (!s.profiles.some((p) => p.name === name))
      throw new InvalidInputError(
        `There is no profile named "${printable(name, 60)}".`,
        'See: scanbridge profiles list',
      );
    if (!(await removeNodeProfile(runtime, name)))
      runtime.settings.update({ profiles: s.profiles.filter((p) => p.name !== name) });
    print(o, { removed: name }, () => `Removed profile ${printable(name, 60)} (and its token).`);
    return EXIT.OK;
  });
}
