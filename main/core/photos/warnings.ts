/**
 * Set-level warnings: things that may spoil a reconstruction but are the user's call. Built only
 * from what the scan already read (sizes, sampled hashes, header fields), never from whole files.
 */
import type { Photo, ScanWarning } from './types.js';

/** Below this, photogrammetry rarely finds enough overlap. */
export const FEW_PHOTOS = 20;

/** '"a", "b", "c" and 4 more' */
export function listPaths(paths: string[], max = 5): string {
  const shown = paths.slice(0, max).map((p) => `"${p}"`);
  const more = paths.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Exact duplicates by size, then sampled hash: one warning per group. */
export function duplicateWarnings(photos: Photo[]): ScanWarning[] {
  const bySize = new Map<number, Photo[]>();
  for (const p of photos) {
    const list = bySize.get(p.size);
    if (list) list.push(p);
    else bySize.set(p.size, [p]);
  }
  const out: ScanWarning[] = [];
  for (const sameSize of bySize.values()) {
    if (sameSize.length < 2) continue;
    const bySample = new Map<string, Photo[]>();
    for (const p of sameSize) bySample.set(p.sample, [...(bySample.get(p.sample) ?? []), p]);
    for (const group of bySample.values()) {
      if (group.length < 2) continue;
      const paths = group.map((p) => p.displayPath);
      out.push({
        code: 'duplicate',
        message: `${plural(group.length, 'photo')} are likely the same picture (same size, same first and last 64 KiB): ${listPaths(paths)}. Duplicates add nothing to a model; remove the extra copies.`,
        paths,
        params: { count: group.length },
      });
    }
  }
  return out;
}

/**
 * Groups photos by a key and warns when there is more than one group, naming each with its count.
 * `paths` are the photos outside the largest group: the likely odd ones out.
 */
function mixedWarning(
  photos: Photo[],
  keyOf: (p: Photo) => string | undefined,
  code: 'mixed-resolution' | 'mixed-camera',
  what: string,
  advice: string,
): ScanWarning[] {
  const groups = new Map<string, Photo[]>();
  for (const p of photos) {
    const k = keyOf(p);
    if (k === undefined) continue;
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  if (groups.size < 2) return [];
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  const named = sorted.map(([k, list]) => `${k} (${plural(list.length, 'photo')})`).join(', ');
  const paths = sorted.slice(1).flatMap(([, list]) => list.map((p) => p.displayPath));
  return [
    {
      code,
      message: `The photos come from ${groups.size} different ${what}: ${named}. ${advice}`,
      paths,
      // Groups as "key (n)": resolutions and camera names read the same in every language.
      params: { count: groups.size, groups: sorted.map(([k, list]) => `${k} (${list.length})`).join(', ') },
    },
  ];
}

export function setWarnings(photos: Photo[]): ScanWarning[] {
  const out: ScanWarning[] = [...duplicateWarnings(photos)];
  // Portrait and landscape shots from one camera are the same sensor: compare long × short side.
  out.push(
    ...mixedWarning(
      photos,
      (p) =>
        p.width !== undefined && p.height !== undefined
          ? `${Math.max(p.width, p.height)}×${Math.min(p.width, p.height)}`
          : undefined,
      'mixed-resolution',
      'resolutions',
      'Resized or cropped photos usually align badly; use the originals from one camera setting.',
    ),
    ...mixedWarning(
      photos,
      (p) => p.camera,
      'mixed-camera',
      'cameras',
      'That can work, but one camera with fixed settings gives the best models.',
    ),
  );
  if (photos.length > 0 && photos.length < FEW_PHOTOS) {
    out.push({
      code: 'few-photos',
      message: `Only ${plural(photos.length, 'photo')}: photogrammetry usually needs at least ${FEW_PHOTOS} overlapping photos of the object.`,
      paths: [],
      params: { count: photos.length, minimum: FEW_PHOTOS },
    });
  }
  return out;
}
