/**
 * The job record as stored: the photo list once. A cloud handle keeps its zip plan, whose entries each
 * carried a copy of their photo (source path, size, mtime) already in the record's set: for a 2 GB set
 * that was half of every record. Stored, an entry that matches its photo refers to it by index
 * (`{ photo, archiveName, crc32? }`) and is rebuilt from the set on load; an entry that does not match
 * (or a record without a set) is stored whole. Records written before this (every entry whole) load as
 * they are and are written in this form at their next save.
 */
import { isDeepStrictEqual } from 'node:util';
import type { PackEntry, PlannedEntry } from '../pack/types.js';
import type { SetPhoto } from '../photos/set.js';

interface StoredRef {
  photo: number;
  archiveName: string;
  crc32?: number;
}

interface WithPlan {
  plan: { entries: PlannedEntry[] };
}

function planOf(handle: unknown): WithPlan['plan'] | undefined {
  const plan = (handle as Partial<WithPlan> | null | undefined)?.plan;
  return plan && Array.isArray(plan.entries) ? plan : undefined;
}

function photosOf(set: unknown): SetPhoto[] | undefined {
  const photos = (set as { photos?: unknown } | null | undefined)?.photos;
  return Array.isArray(photos) ? (photos as SetPhoto[]) : undefined;
}

function matches(entry: PackEntry, photo: SetPhoto | undefined): photo is SetPhoto {
  return (
    photo !== undefined &&
    entry.size === photo.size &&
    entry.mtimeMs === photo.mtimeMs &&
    isDeepStrictEqual(entry.source, photo.source)
  );
}

/** A copy of `record` to write, entries that repeat their photo replaced by a reference (not mutated). */
export function encodeRecord<R extends { set?: unknown; handle?: unknown }>(record: R): R {
  const photos = photosOf(record.set);
  const plan = planOf(record.handle);
  if (!photos || !plan) return record;
  const entries = plan.entries.map((p) => {
    const photo = photos[p.index];
    if (!matches(p.entry, photo)) return p;
    const ref: StoredRef = { photo: p.index, archiveName: p.entry.archiveName };
    if (p.entry.crc32 !== undefined) ref.crc32 = p.entry.crc32;
    return { ...p, entry: ref };
  });
  const handle = record.handle as WithPlan;
  return { ...record, handle: { ...handle, plan: { ...handle.plan, entries } } };
}

/** The record as read, references resolved against its set, in place. Throws on a dangling reference. */
export function decodeRecord<R extends { set?: unknown; handle?: unknown }>(record: R): R {
  const plan = planOf(record.handle);
  if (!plan) return record;
  const photos = photosOf(record.set) ?? [];
  for (const p of plan.entries) {
    const stored = p.entry as PackEntry | StoredRef;
    if (!('photo' in stored)) continue;
    const photo = photos[stored.photo];
    if (!photo || typeof stored.archiveName !== 'string')
      throw new Error(`plan entry ${p.index} refers to photo ${stored.photo}, which the record lacks`);
    p.entry = {
      source: photo.source,
      archiveName: stored.archiveName,
      size: photo.size,
      mtimeMs: photo.mtimeMs,
      ...(stored.crc32 !== undefined ? { crc32: stored.crc32 } : {}),
    };
  }
  return record;
}
