/**
 * An incremental parser of COLMAP's console output. COLMAP sometimes writes one line in two writes,
 * so the unterminated remainder of each chunk is kept until its newline arrives (or the stream ends).
 * Pure: no I/O, no clocks; the same text gives the same events however it is split.
 */
export type ColmapEvent =
  /** feature_extractor: `Processed file [i/N]` */
  | { kind: 'extract'; done: number; total: number }
  /** exhaustive_matcher: `Matching block [i/nb, j/nb]` (1-based) */
  | { kind: 'match-block'; i: number; j: number; blocks: number }
  /** matches_importer (image pairs): `Matching block [i/nb]` */
  | { kind: 'match-pairs'; done: number; total: number }
  /** sequential_matcher (and others): `Matching image [i/N]` */
  | { kind: 'match-image'; done: number; total: number }
  /** mapper: `Registering image #k (n)` — n images registered so far */
  | { kind: 'register'; imageId: number; registered: number }
  /** every step: `Elapsed time: x [minutes]` */
  | { kind: 'elapsed'; seconds: number }
  /** model_analyzer: `Registered images: 30`, `Points: 1234`, `Mean reprojection error: 0.5px`… */
  | { kind: 'stat'; key: AnalyzerKey; value: number }
  /** `ERROR: …` or a glog fatal line: the step's own explanation of a failure */
  | { kind: 'error'; message: string };

export type AnalyzerKey =
  | 'cameras'
  | 'images'
  | 'registeredImages'
  | 'points'
  | 'observations'
  | 'meanTrackLength'
  | 'meanObservationsPerImage'
  | 'meanReprojectionError';

const ANALYZER: [RegExp, AnalyzerKey][] = [
  [/\bCameras:\s*([\d.]+)/, 'cameras'],
  [/\bRegistered images:\s*([\d.]+)/, 'registeredImages'],
  [/(?<!Registered )\bImages:\s*([\d.]+)/, 'images'],
  [/\bPoints:\s*([\d.]+)/, 'points'],
  [/\bObservations:\s*([\d.]+)/, 'observations'],
  [/\bMean track length:\s*([\d.]+)/, 'meanTrackLength'],
  [/\bMean observations per image:\s*([\d.]+)/, 'meanObservationsPerImage'],
  [/\bMean reprojection error:\s*([\d.]+)/, 'meanReprojectionError'],
];

/** One complete line → at most one event. */
export function parseLine(line: string): ColmapEvent | undefined {
  let m = /Processed file \[(\d+)\/(\d+)\]/.exec(line);
  if (m) return { kind: 'extract', done: Number(m[1]), total: Number(m[2]) };
  m = /Matching block \[(\d+)\/(\d+),\s*(\d+)\/(\d+)\]/.exec(line);
  if (m) return { kind: 'match-block', i: Number(m[1]), j: Number(m[3]), blocks: Number(m[2]) };
  m = /Matching block \[(\d+)\/(\d+)\]/.exec(line);
  if (m) return { kind: 'match-pairs', done: Number(m[1]), total: Number(m[2]) };
  m = /Matching image \[(\d+)\/(\d+)\]/.exec(line);
  if (m) return { kind: 'match-image', done: Number(m[1]), total: Number(m[2]) };
  m = /Registering image #(\d+) \((\d+)\)/.exec(line);
  if (m) return { kind: 'register', imageId: Number(m[1]), registered: Number(m[2]) };
  m = /Elapsed time:\s*([\d.]+)\s*\[(seconds|minutes|hours)\]/.exec(line);
  if (m) {
    const unit = m[2] === 'hours' ? 3600 : m[2] === 'minutes' ? 60 : 1;
    return { kind: 'elapsed', seconds: Number(m[1]) * unit };
  }
  m = /(?:^|\]\s*)ERROR:\s*(.*)$/.exec(line) ?? /^F\d{4} [\d:.]+\s+\d+\s+\S+\]\s*(.*)$/.exec(line);
  if (m) return { kind: 'error', message: (m[1] ?? '').trim() };
  for (const [re, key] of ANALYZER) {
    const s = re.exec(line);
    if (s) return { kind: 'stat', key, value: Number(s[1]) };
  }
  return undefined;
}

export interface ProgressParser {
  /** Feed a chunk of text; returns the events of every line it completed. */
  push(chunk: string): ColmapEvent[];
  /** The stream ended: parse the unterminated remainder, if any. */
  end(): ColmapEvent[];
}

export function createProgressParser(onLine?: (line: string) => void): ProgressParser {
  let rest = '';
  const take = (lines: string[]): ColmapEvent[] => {
    const out: ColmapEvent[] = [];
    for (const line of lines) {
      if (line.length === 0) continue;
      onLine?.(line);
      const e = parseLine(line);
      if (e) out.push(e);
    }
    return out;
  };
  return {
    push(chunk) {
      const parts = (rest + chunk).split(/\r\n|\n|\r/);
      // A '\r\n' split across chunks ends the line at '\r'; the '\n' then makes an empty line,
      // which take() ignores, so any split gives the same events.
      rest = parts.pop() ?? '';
      return take(parts);
    },
    end() {
      const last = rest;
      rest = '';
      return take([last]);
    },
  };
}
