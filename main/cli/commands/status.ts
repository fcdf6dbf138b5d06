/** `scanbridge status <job|project>` and `scanbridge download <job|project> [dir]`: every backend. */
import path from 'node:path';
import { cloudStatusKey } from '../../core/jobs/cloud-status.js';
import { EXIT } from '../exit-codes.js';
import { printable } from '../format.js';
import { cliText, languageFor } from '../cli-language.js';
import { print, withService, type GlobalOptions } from '../context.js';
import { stderrTerminal } from '../terminal.js';

export async function statusCommand(ref: string, o: GlobalOptions): Promise<number> {
  return withService(o, { lock: false }, async ({ service }) => {
    const s = await service.projectStatus(ref);
    const { t, lang } = await cliText(languageFor(o));
    print(o, s, () => {
      // The backend's status words are data (quoted as they came); our own words come from the catalogue.
      // In another language than English the cloud's status is said by what it means (as the app does).
      const status = s.status
        ? s.backend === 'cloud' && lang !== 'en'
          ? t(`cloudStatus.${cloudStatusKey({ status: s.status, dlink: s.downloadUrl ?? undefined })}`)
          : printable(s.status, 300)
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
