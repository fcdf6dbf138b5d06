/**
 * A backend's own status word, as the CLI shows it beside our state. English: the word as it came
 * (people and scripts have read the cloud's "processing done" for long). Other languages: what it
 * means — the cloud's status by its key (cloudStatus.*, as the app says it), a local run's stage by
 * its step name; anything else (a NodeODM status) is data and stays as it came.
 */
import { cloudStatusKey } from '../core/jobs/cloud-status.js';
import type { CliText } from './cli-language.js';
import { printable } from './format.js';

export function backendStatusText(
  text: CliText,
  backend: string,
  raw: string,
  dlink?: string | undefined,
): string {
  if (text.lang === 'en') return printable(raw, 200);
  if (backend === 'cloud') return text.t(`cloudStatus.${cloudStatusKey({ status: raw, dlink })}`);
  const key = `step.local_${raw}`;
  const said = text.t(key);
  return said !== key ? said : printable(raw, 200);
}
