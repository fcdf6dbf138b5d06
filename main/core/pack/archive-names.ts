/**
 * Names inside our zip. Sets are flattened (the cloud wants one folder of photos), so names from
 * different folders or zips can collide — also case-insensitively, which matters on the server's
 * and the user's file systems. Resolution is deterministic: the first keeps its name, later ones
 * get `~2`, `~3`… before the extension, in input order.
 */
const MAX_NAME_BYTES = 200;

/** Characters that break some file system or unzipper (Windows-reserved, controls, separators). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;

function baseName(relPath: string): string {
  const parts = relPath.split(/[\\/]/).filter((p) => p !== '' && p !== '.' && p !== '..');
  return parts[parts.length - 1] ?? '';
}

function splitExt(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.length - dot > 10) return [name, ''];
  return [name.slice(0, dot), name.slice(dot)];
}

/** Cuts the stem so the UTF-8 name stays within MAX_NAME_BYTES, never splitting a character. */
function fitBytes(stem: string, ext: string, suffix: string): string {
  const budget = MAX_NAME_BYTES - Buffer.byteLength(ext + suffix);
  let out = '';
  let used = 0;
  for (const ch of stem) {
    const n = Buffer.byteLength(ch);
    if (used + n > budget) break;
    out += ch;
    used += n;
  }
  return out + suffix + ext;
}

export function safeName(relPath: string): string {
  let name = baseName(relPath).normalize('NFC').replace(UNSAFE, '_');
  // Trailing dots/spaces are silently dropped by Windows, leading dots hide files on Unix.
  name = name.replace(/[. ]+$/, '').replace(/^[. ]+/, '');
  if (name === '') name = 'photo';
  const [stem, ext] = splitExt(name);
  return fitBytes(stem, ext, '');
}

export function assignArchiveNames(items: { relPath: string }[]): string[] {
  const taken = new Set<string>();
  return items.map(({ relPath }) => {
    const name = safeName(relPath);
    const [stem, ext] = splitExt(name);
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = fitBytes(stem, ext, `~${n}`);
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
