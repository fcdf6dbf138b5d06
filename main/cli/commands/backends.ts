/** `scanbridge backends`: the cloud, the NodeODM profiles and local COLMAP, and whether each answers. */
import { EXIT } from '../exit-codes.js';
import { printable } from '../format.js';
import { print, withService, type GlobalOptions } from '../context.js';
import { stderrTerminal } from '../terminal.js';

export async function backendsCommand(o: GlobalOptions): Promise<number> {
  return withService(o, { lock: false }, async ({ service }) => {
    const rows = await service.checkBackends();
    const term = stderrTerminal();
    print(o, rows, () =>
      rows
        .map(
          (r) =>
            `${r.ok ? term.green('ok  ') : term.red('DOWN')} ${r.kind.padEnd(8)} ${printable(r.name, 100)}${r.endpoint ? ` <${printable(r.endpoint, 200)}>` : ''}: ${printable(r.detail, 300)}`,
        )
        .join('\n'),
    );
    return rows.every((r) => r.ok) ? EXIT.OK : EXIT.TRY_LATER;
  });
}
