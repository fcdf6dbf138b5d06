/**
 * The stub's task model. Status and progress are derived from the clock (`now`) rather than timers,
 * so tests can move time and nothing keeps running after `close()`.
 */
export interface StubTask {
  uuid: string;
  name: string;
  options: unknown[];
  dateCreated: number;
  dir: string;
  /** Stored names in arrival order; a re-sent photo is stored again as `name_.jpg`, as NodeODM does. */
  images: string[];
  committed: boolean;
  startedAt: number;
  canceled: boolean;
  errorMessage?: string | undefined;
  zipPath?: string | undefined;
}

const OUTPUT = [
  'Booting ODM (stub)',
  '[INFO]    Initializing ODM - Stub',
  '[INFO]    Running dataset stage',
  '[INFO]    Loading {n} images',
  '[INFO]    Running opensfm stage',
  '[INFO]    Running openmvs stage',
  '[INFO]    Running odm_filterpoints stage',
  '[INFO]    Running odm_meshing stage',
  '[INFO]    Running mvs_texturing stage',
  '[INFO]    Running odm_report stage',
  '[INFO]    ODM app finished - {date}',
];

export interface TaskView {
  code: number;
  progress: number;
  processingTime: number;
  output: string[];
}

/** Queued for the first 10% of processingMs, then running with linear progress, then completed. */
export function viewTask(t: StubTask, now: number, processingMs: number): TaskView {
  const elapsed = Math.max(0, now - t.startedAt);
  const frac = processingMs <= 0 ? 1 : Math.min(1, elapsed / processingMs);
  const lines = OUTPUT.map((l) =>
    l
      .replace('{n}', String(t.images.length))
      .replace('{date}', new Date(t.startedAt + processingMs).toISOString()),
  );
  if (t.errorMessage) {
    return {
      code: 30,
      progress: 0,
      processingTime: 0,
      output: [lines[0] as string, `[ERROR]   ${t.errorMessage}`],
    };
  }
  const shown = lines.slice(0, Math.max(1, Math.floor(frac * (lines.length - 1)) + (frac >= 1 ? 1 : 0)));
  if (t.canceled)
    return { code: 50, progress: Math.floor(frac * 100), processingTime: elapsed, output: shown };
  if (frac < 0.1) return { code: 10, progress: 0, processingTime: 0, output: [] };
  if (frac < 1) return { code: 20, progress: Math.floor(frac * 100), processingTime: elapsed, output: shown };
  return { code: 40, progress: 100, processingTime: processingMs, output: shown };
}

/** NodeODM keeps a duplicate upload as `name_.ext` (and `name__.ext` …). */
export function storedName(existing: ReadonlySet<string>, filename: string): string {
  const safe = filename.replace(/[\\/]/g, '_').replace(/^\.+/, '_') || 'image';
  let name = safe;
  while (existing.has(name)) name = name.replace(/(\.[^.]*)?$/, '_$1');
  return name;
}
