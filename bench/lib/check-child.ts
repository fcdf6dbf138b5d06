/**
 * One pre-flight check in its own process, so the benchmark measures it from outside with GNU time
 * (CPU of every child, largest RSS) like `colmap automatic_reconstructor`.
 * argv: threads file… Prints `{report, stages}` as JSON on stdout: per phase its wall seconds and
 * the CPU seconds of this process and of its finished COLMAP children (Linux /proc; 0 elsewhere).
 */
import { readFileSync } from 'node:fs';
import { runCheck } from '../../main/core/check/index.js';

const [threads, ...files] = process.argv.slice(2);
if (!threads || files.length === 0) throw new Error('usage: check-child.ts THREADS FILE…');

/** utime + stime + cutime + cstime of this process, in seconds. */
function cpuSeconds(): number {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return 0;
  }
}

const t0 = performance.now();
const cpu0 = cpuSeconds();
const marks: { phase: string; at: number; cpu: number }[] = [];
const report = await runCheck({
  files,
  threads: Number(threads),
  onProgress: (p) => {
    if (marks.at(-1)?.phase !== p.phase) marks.push({ phase: p.phase, at: performance.now(), cpu: cpuSeconds() }); // prettier-ignore
  },
});
marks.push({ phase: 'end', at: performance.now(), cpu: cpuSeconds() });
const r2 = (v: number): number => Math.round(v * 100) / 100;
const stages: Record<string, { wallS: number; cpuS: number }> = {};
for (let k = 0; k + 1 < marks.length; k++) {
  stages[marks[k]!.phase] = { wallS: r2((marks[k + 1]!.at - marks[k]!.at) / 1000), cpuS: r2(marks[k + 1]!.cpu - marks[k]!.cpu) }; // prettier-ignore
}
stages.startup = { wallS: r2(t0 / 1000), cpuS: r2(cpu0) };
process.stdout.write(JSON.stringify({ report, stages }));
