import fs from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { InvalidInputError } from '../errors.js';
import {
  defaultSettings,
  sanitizeSettings,
  SettingsPatchSchema,
  type Settings,
  type SettingsPatch,
} from './schema.js';
import { diskError } from '../disk-error.js';

export interface SettingsStore {
  /** The current settings (a copy: mutate it and nothing happens). */
  get(): Settings;
  /** Validates and persists a partial update; throws InvalidInputError naming the bad field. */
  update(patch: SettingsPatch): Settings;
  /** Back to defaults (the file is rewritten). */
  reset(): Settings;
  /** Called after every successful update/reset. Returns an unsubscribe. */
  onChange(listener: (settings: Settings) => void): () => void;
  /** What was wrong with the file when it was opened (empty when all was fine). Show these once. */
  readonly warnings: readonly string[];
  /** Absolute path of the settings file. */
  readonly path: string;
}

export interface OpenSettingsOptions {
  /** The data directory (see defaultDataDir). Created if missing. */
  dir: string;
  /** File name without extension; default "settings". */
  name?: string;
  /** Platform-dependent defaults, e.g. { downloadDir: ~/Downloads/ScanBridge }. */
  defaults?: Partial<Settings>;
}

/**
 * Settings persisted as one JSON file, written atomically (temp file, fsync, rename: a crash leaves the
 * old file or the new one, never half of one) and validated with the contract's rules (schema.ts).
 * A small file needs no settings library: `conf` brought ajv, its formats and semver into every
 * command's start-up (about 7 MB of the CLI's memory) for a validation we do with zod. Opening never throws on a bad
 * file: invalid fields fall back to defaults, unknown keys are dropped, and an unreadable or
 * malformed file is kept beside as `<name>.invalid.json` so a hand edit is not silently lost.
 */
export function openSettingsStore(opts: OpenSettingsOptions): SettingsStore {
  const name = opts.name ?? 'settings';
  const defaults = defaultSettings(opts.defaults);
  const file = path.resolve(opts.dir, `${name}.json`);
  // The data folder also holds the journal, whose project names are the only key to a project on
  // the public token: create it private. (An existing folder the user chose is left as it is.)
  try {
    fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw diskError(
      e,
      { folder: opts.dir },
      `Cannot create the data folder "${opts.dir}": ${(e as Error).message}`,
    );
  }
  const { settings: initial, warnings, fileWasBad, rejected } = readSettingsFile(file, defaults);
  if (fileWasBad) backUpBadFile(file, path.resolve(opts.dir, `${name}.invalid.json`), warnings);

  const save = (data: Settings): void => {
    // Tab-indented like conf wrote it, so files from earlier versions diff cleanly.
    writeFileAtomic.sync(file, JSON.stringify(data, undefined, '\t'), { mode: 0o600 });
  };

  let current = initial;
  // Values the file held that we refused: written back as they were until the user replaces that
  // setting, so a wrong shape is reported, never silently wiped by the next save.
  const kept: Record<string, unknown> = { ...rejected };
  const onDisk = (next: Settings): Settings => {
    const out: Record<string, unknown> = { ...next, ...kept };
    if (Array.isArray(kept.profiles)) {
      const refused = kept.profiles.filter(
        (p) => !next.profiles.some((n) => n.name === (p as { name?: unknown } | null)?.name),
      );
      out.profiles = [...next.profiles, ...refused];
    }
    return out as Settings;
  };
  const listeners = new Set<(s: Settings) => void>();
  const write = (next: Settings): Settings => {
    try {
      save(onDisk(next));
    } catch (e) {
      throw diskError(
        e,
        { folder: path.dirname(file) },
        `Cannot save settings to "${file}": ${(e as Error).message}`,
      );
    }
    current = next;
    for (const l of listeners) l(structuredClone(next));
    return structuredClone(next);
  };
  // Persist the cleaned-up form right away so the file on disk matches what we use.
  if (fileWasBad || !fs.existsSync(file) || warnings.length > 0) {
    try {
      save(onDisk(current));
    } catch (e) {
      warnings.push(
        `Settings could not be saved (${(e as Error).message}); changes last for this session only.`,
      );
    }
  }

  return {
    get: () => structuredClone(current),
    update(patch) {
      const r = SettingsPatchSchema.safeParse(patch);
      if (!r.success) {
        const issue = r.error.issues[0];
        const where = issue?.path.length ? issue.path.join('.') : 'settings';
        // zod's words stay in the English message (log); the person reads which setting.
        throw new InvalidInputError(
          `Invalid setting "${where}": ${issue?.message ?? 'bad value'}.`,
          undefined,
          {
            detail: 'setting',
            params: { setting: where },
          },
        );
      }
      // zod fills defaults for absent keys even in a partial schema: keep only what the caller sent.
      const sent = new Set(Object.keys(patch));
      for (const k of sent) if (k !== 'profiles') delete kept[k];
      const clean = Object.fromEntries(
        Object.entries(r.data).filter(([k, v]) => sent.has(k) && v !== undefined),
      );
      return write({ ...current, ...clean });
    },
    reset: () => {
      for (const k of Object.keys(kept)) delete kept[k];
      return write({ ...defaults });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    warnings,
    path: file,
  };
}

function readSettingsFile(file: string, defaults: Settings) {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      return { settings: { ...defaults }, warnings: [], fileWasBad: false, rejected: {} };
    return {
      settings: { ...defaults },
      warnings: [`The settings file could not be read (${(e as Error).message}); using defaults.`],
      fileWasBad: true,
      rejected: {},
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      settings: { ...defaults },
      warnings: ['The settings file was not valid JSON; using defaults.'],
      fileWasBad: true,
      rejected: {},
    };
  }
  const { settings, warnings, rejected } = sanitizeSettings(raw, defaults);
  return { settings, warnings, fileWasBad: warnings.length > 0, rejected };
}

function backUpBadFile(file: string, backup: string, warnings: string[]): void {
  try {
    fs.copyFileSync(file, backup);
    warnings.push(`The previous file was kept as "${backup}".`);
  } catch {
    // An unreadable file cannot be copied either; the warning above already says what happened.
  }
}
