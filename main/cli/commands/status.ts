/** `scanbridge status <job|project>` and `scanbridge download <job|project> [dir]`: every backend. */
import path from 'node:path';
import { EXIT } from '../exit-codes.js';
import { printable } from '../format.js';
import { cliText, languageFor } from '../cli-language.js';
import { print, withService, type GlobalOptions } from '../context.js';
import { stderrTerminal } from '../terminal.js';
import { backendStatusText } from '../status-words.js';

export async function statusCommand(ref: string, o: GlobalOptions): Promise<number> {
  return withService(o, { lock: false }, async ({ service }) => {
    const s = await service.projectStatus(ref);
    const text = await cliText(languageFor(o));
    const { t } = text;
    print(o, s, () => {
      // The backend's status words are data (quoted as they came); our own words come from the catalogue.
      const status = s.status
        ? backendStatusText(text, s.backend, s.status, s.downloadUrl ?? undefined)
        : s.job
          ? t(`cli.state.${s.job.state}`)
          : t('cli.noStatus');
      const pct = s.progress !== null && s.phase !== 'done' ? ` ${Math.round(s.progress * 100)}%` : '';
      const project = printable(s.project, 120);
      const lines = [t('cli.statusLine', { project, backend: s.backend, status: `${status}${pct}` })];
      if (s.phase === 'done') lines.push(t('cli.statusDownload', { project }));
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
    const { t } = await cliText(languageFor(o));
    const target = path.resolve(dir ?? runtime.settings.get().downloadDir ?? '.');
    let last = 0;
    const r = await service.downloadTo(ref, target, (done, total) => {
      if (o.json) return;
      const text = total ? t('cli.downloadingOf', { done, total }) : t('cli.downloading', { done });
      if (term.tty) term.status(text);
      else if (Date.now() - last > 2000) {
        last = Date.now();
        term.line(text);
      }
    });
    term.endStatus();
    print(o, r, () =>
      t('cli.downloaded', { project: printable(r.project, 120), count: r.files.length, folder: r.folder }),
    );
    return EXIT.OK;
  });
}
