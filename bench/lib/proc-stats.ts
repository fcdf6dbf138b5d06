/** This process's own resource figures (Linux /proc; resourceUsage elsewhere). */
import { readFileSync } from 'node:fs';

export interface ProcStats {
  cpuSeconds: number;
  peakRssMB: number;
  writeBytes: number | null;
}

function procField(file: string, key: string): number | null {
  try {
    const m = new RegExp(`^${key}:\\s*(\\d+)`, 'm').exec(readFileSync(file, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export function selfStats(): ProcStats {
  const ru = process.resourceUsage();
  const hwmKb = procField('/proc/self/status', 'VmHWM') ?? ru.maxRSS;
  return {
    cpuSeconds: (ru.userCPUTime + ru.systemCPUTime) / 1e6,
    peakRssMB: Math.round((hwmKb / 1024) * 10) / 10,
    writeBytes: procField('/proc/self/io', 'write_bytes'),
  };
}
