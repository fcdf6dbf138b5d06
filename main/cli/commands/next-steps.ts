/** Failed jobs with what to do next (jobs/next-step.ts), as `resume` and `jobs` print them. */
import { nextStepFor } from '../../core/jobs/next-step.js';
import type { Job } from '../../core/jobs/types.js';
import { printable } from '../format.js';

/** Two lines per failed job resume does not continue: what happened, then what to do. */
export function failedJobLines(jobs: Job[]): string[] {
  const lines: string[] = [];
  for (const j of jobs) {
    const step = nextStepFor(j);
    if (step.kind === 'none' || step.kind === 'resume') continue;
    lines.push(
      `  ${printable(j.projectName || j.id, 120)} (${j.id}): ${printable(j.error?.message ?? '', 300)}`,
    );
    lines.push(`    next: ${printable(step.say, 300)}${step.command ? ` → ${step.command}` : ''}`);
  }
  return lines;
}
