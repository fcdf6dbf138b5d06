/** `scanbridge backends`: the cloud, the NodeODM profiles and local COLMAP, and whether each answers. */
import type { BackendHealth } from '../../core/service/backends.js';
import { EXIT } from '../exit-codes.js';
import { printable } from '../format.js';
import { cliText, languageFor, type CliText } from '../cli-language.js';
import { print, withService, type GlobalOptions } from '../context.js';
import { errorLines } from '../output-error.js';
import { stderrTerminal } from '../terminal.js';

/**
 * Why a backend does not answer, on one line: English says the core's sentence (its hint is advice
 * for a job, not for this list); other languages the code's sentence and its specifics.
 */
export function failureText(text: CliText, error: NonNullable<BackendHealth['error']>): string {
  const said = errorLines(text, error);
  return text.lang === 'en' || !said.more ? said.title : `${said.title} ${said.more}`;
}

/** What a row says after its name: the backend's facts or the failure, in the CLI's language. */
export function backendDetail(r: BackendHealth, text: CliText): string {
  const { t } = text;
  if (r.error) return failureText(text, r.error);
  const f = r.facts;
  if (f?.kind === 'nodeodm')
    return f.maxImages === undefined
      ? t('cliCmd.backends.nodeodmNoMax', { version: f.version, queue: f.queue })
      : t('cliCmd.backends.nodeodm', { version: f.version, queue: f.queue, max: f.maxImages });
  if (f?.kind === 'local')
    return t(f.cuda ? 'cliCmd.backends.colmapGpu' : 'cliCmd.backends.colmap', { version: f.version });
  // The cloud's own status words are data, quoted as they came.
  return r.detail;
}

/** The backend's name: ours from the catalogue, a profile's as the person named it. */
function backendName(r: BackendHealth, t: CliText['t']): string {
  if (r.kind === 'cloud') return t('backend.cloud');
  if (r.kind === 'local') return t('backend.local');
  return r.name;
}

export async function backendsCommand(o: GlobalOptions): Promise<number> {
  const text = await cliText(languageFor(o));
  return withService(o, { lock: false }, async ({ service }) => {
    const rows = await service.checkBackends();
    const term = stderrTerminal();
    const ok = text.t('cliCmd.backends.ok');
    const down = text.t('cliCmd.backends.down');
    const width = Math.max(ok.length, down.length);
    // --json: the rows as they always were (name, kind, endpoint, ok, detail), in English.
    const json = rows.map(({ facts: _f, error: _e, ...row }) => row);
    print(o, json, () =>
      rows
        .map(
          (r) =>
            `${r.ok ? term.green(ok.padEnd(width)) : term.red(down.padEnd(width))} ${r.kind.padEnd(8)} ${printable(backendName(r, text.t), 100)}${r.endpoint ? ` <${printable(r.endpoint, 200)}>` : ''}: ${printable(backendDetail(r, text), 300)}`,
        )
        .join('\n'),
    );
    return rows.every((r) => r.ok) ? EXIT.OK : EXIT.TRY_LATER;
  });
}
