import { z } from 'zod';
import {
  BackendProfileSchema as ProfileView,
  LocaleSchema,
  SettingsSchema as SettingsView,
} from '../../contract/schemas.js';
import { DEFAULT_BASE_URL } from '../cloud/types.js';

/**
 * The user's settings: what the Settings screen edits and every front end (app, web mode, CLI) reads.
 * Secrets are deliberately NOT here: tokens live behind a SecretStore so the settings file can be
 * shared in a bug report without leaking anything.
 */

/** The OpenScan Cloud endpoint the seeds name as public (the cloud client's own default). */
export const DEFAULT_ENDPOINT = DEFAULT_BASE_URL;

/** The contract's profile (what the UI edits) plus what only main keeps. */
export const BackendProfileSchema = ProfileView.extend({
  /** Backend-specific options (NodeODM task options, COLMAP quality…), validated by that backend. */
  options: z.record(z.string(), z.unknown()).optional(),
});
export type BackendProfile = z.infer<typeof BackendProfileSchema>;

export const WindowBoundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(100_000),
  height: z.number().int().min(150).max(100_000),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.infer<typeof WindowBoundsSchema>;

const view = SettingsView.shape;

/**
 * Field schemas, each with its own default so one bad field never costs the user the others. The
 * rules of the user-editable fields are the contract's (SettingsView); main-only fields follow.
 */
export const SettingsShape = {
  endpoint: view.endpoint.default(DEFAULT_ENDPOINT),
  concurrency: view.concurrency.default(4),
  partSize: view.partSize.default('auto'),
  bandwidthCapMBps: view.bandwidthCapMBps.default(0),
  /** '' means the platform default (filled in by the store). */
  downloadDir: view.downloadDir.default(''),
  autoDownload: view.autoDownload.default(true),
  /** A result larger than this (GB) is refused, nothing of it kept (a hostile server cannot fill the disk). */
  downloadCapGB: view.downloadCapGB.default(20),
  colmapPath: view.colmapPath.default(''),
  profiles: z.array(BackendProfileSchema).max(100).default([]),
  /** Name of the active profile; '' means the OpenScan Cloud at `endpoint`. */
  activeProfile: z.string().default(''),
  windowBounds: WindowBoundsSchema.nullable().default(null),
  locale: LocaleSchema.default('system'),
  theme: view.theme.default('system'),
  /**
   * Linux without a keyring: Electron's safeStorage falls back to a fixed key ("basic_text"), which
   * is not encryption. The token is then kept for the session only unless the user opts in here.
   */
  storeTokenWithoutKeyring: z.boolean().default(false),
} as const;

export const SettingsSchema = z.object(SettingsShape);
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsPatch = Partial<Settings>;

/** Strict: an unknown key in a patch is a caller bug (or a token sneaking in), not something to drop. */
export const SettingsPatchSchema = SettingsSchema.partial().strict();

export function defaultSettings(overrides: Partial<Settings> = {}): Settings {
  return { ...SettingsSchema.parse({}), ...overrides };
}

/**
 * Reads whatever was on disk into valid settings. Never throws: a field that fails validation falls
 * back to its default with a warning naming it; unknown keys are dropped (and reported) so an old or
 * hand-edited file cannot smuggle data through.
 */
export function sanitizeSettings(
  raw: unknown,
  defaults: Settings = defaultSettings(),
): {
  settings: Settings;
  warnings: string[];
  /**
   * What the file held that we could not use, by key (for `profiles`: only the refused entries), so a
   * later save writes it back unchanged instead of wiping it (a hand edit must not cost the profiles).
   */
  rejected: Record<string, unknown>;
} {
  const warnings: string[] = [];
  const rejected: Record<string, unknown> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    if (raw !== undefined) warnings.push('The settings file did not hold an object; using defaults.');
    return { settings: { ...defaults }, warnings, rejected };
  }
  const input = raw as Record<string, unknown>;
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, schema] of Object.entries(SettingsShape)) {
    if (!(key in input) || input[key] === undefined) continue;
    if (key === 'profiles' && Array.isArray(input[key])) {
      const { profiles, refused } = sanitizeProfiles(input[key] as unknown[], warnings);
      out.profiles = profiles;
      if (refused.length > 0) rejected.profiles = refused;
      continue;
    }
    const r = (schema as z.ZodType).safeParse(input[key]);
    if (r.success) out[key] = r.data;
    else {
      rejected[key] = input[key];
      warnings.push(
        `Setting "${key}" was invalid (${r.error.issues[0]?.message ?? 'bad value'}); using the default.`,
      );
    }
  }
  const unknown = Object.keys(input).filter((k) => !(k in SettingsShape));
  if (unknown.length > 0) warnings.push(`Ignored unknown settings: ${unknown.join(', ')}.`);
  return { settings: out as Settings, warnings, rejected };
}

/**
 * One profile of the wrong shape (say NodeODM options written as a list) is refused on its own, with a
 * message naming it and what is wrong; the other profiles stay.
 */
function sanitizeProfiles(
  list: unknown[],
  warnings: string[],
): { profiles: BackendProfile[]; refused: unknown[] } {
  const profiles: BackendProfile[] = [];
  const refused: unknown[] = [];
  for (const [i, item] of list.slice(0, 100).entries()) {
    const r = BackendProfileSchema.safeParse(item);
    if (r.success && !profiles.some((p) => p.name === r.data.name)) {
      profiles.push(r.data);
      continue;
    }
    refused.push(item);
    const name = (item as { name?: unknown } | null)?.name;
    const label = typeof name === 'string' ? `"${name}"` : `#${i + 1}`;
    const issue = r.success ? undefined : r.error.issues[0];
    const what = !issue
      ? 'a profile with this name comes earlier'
      : issue.path[0] === 'options'
        ? 'its options must be an object of option name → value (e.g. {"pc-quality": "low"}), not a list'
        : `${issue.path.join('.') || 'the entry'}: ${issue.message}`;
    warnings.push(
      `Profile ${label} in the settings file was refused (${what}); it is kept in the file unchanged until you fix it there.`,
    );
  }
  return { profiles, refused };
}
