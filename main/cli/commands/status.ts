/** `scanbridge status <job|project>` and `scanbridge download <job|project> [dir]`: every backend. */
import path from 'node:path';
import { EXIT } from '../exit-codes.js';
import { bytes, printable } from '../format.js';
import { print, withService, type GlobalOptions } from '../context.js';
import { stderrTerminal } from '../terminal.js';

export async function statusCommand(ref: string, o: GlobalOptions): Promise<number> {
  return withService(o, { lock: false }, async ({ service }) => {
    const s = await service.projectStatus(ref);
    print(o, s, () => {
      const status = printable(s.status ?? s.job?.state ?? '(no status: expired or removed)', 300);
      const pct = s.progress !== null && s.phase !== 'done' ? ` ${Math.round(s.progress * 100)}%` : '';
      const lines = [`${printable(s.project, 120)} (${s.backend}): ${status}${pct}`];
      if (s.phase === 'done')
        lines.push(`download: scanbridge download ${printable(s.project, 120)} <folder>`);
      return lines.join('\n');
    });
    return s.phase === 'failed' ? EXIT.SERVER_REFUSED : EXIT.OK;
  });
}

export async function downloadCommand(
  ref: string,
  dir: string | undefined,
  o: GlobalOptions,
): Promise<number> {
  return withService(o, { lock: false }, async ({ service, runtime }) => {
    const term = stderrTerminal();
    const target = path.resolve(dir ?? runtime.settings.get().downloadDir ?? '.');
    let last = 0;
    const r = await service.downloadTo(ref, target, (done, total) => {
      if (o.json) return;
      const text = `downloading ${bytes(done)}${total ? ` of ${bytes(total)}` : ''}`;
      if (term.tty) term.status(text);
      else if (Date.now() - last > 2000) {
        last = Date.now();
        term.line(text);
      }
    });
    term.endStatus();
    print(o, r, () => `${printable(r.project, 120)}: ${r.files.length} files in ${r.folder}`);
    return EXIT.OK;
  });
}
