/** Failed jobs with what to do next (jobs/next-step.ts), as `resume` and `jobs` print them. */
import { nextStepFor } from '../../core/jobs/next-step.js';
import type { Job } from '../../core/jobs/types.js';
import type { CliText } from '../cli-language.js';
import { printable } from '../format.js';
import { errorLines } from '../output-error.js';

/** Two lines per failed job resume does not continue: what happened, then what to do. */
export function failedJobLines(jobs: Job[], text: CliText): string[] {
  const lines: string[] = [];
  for (const j of jobs) {
    const step = nextStepFor(j);
    if (step.kind === 'none' || step.kind === 'resume') continue;
    lines.push(
      `  ${printable(j.projectName || j.id, 120)} (${j.id}): ${j.error ? errorLines(text, j.error).title : ''}`,
    );
    const say = text.t(`cli.next.${step.kind}`, { project: printable(j.projectName || j.id, 120) });
    lines.push(`    ${text.t('cli.next.label')}: ${say}${step.command ? ` → ${step.command}` : ''}`);
  }
  return lines;
}
