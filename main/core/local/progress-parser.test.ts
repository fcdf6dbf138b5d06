import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProgressParser, parseLine, type ColmapEvent } from './progress-parser.js';

// Lines as COLMAP 3.8 prints them (taken from real runs on this machine).
const SAMPLE = [
  '==============================================================================',
  'Feature extraction',
  'Processed file [1/30]',
  '  Name:            view_000.png',
  '  Features:        1929',
  'Processed file [2/30]',
  'Elapsed time: 0.108 [minutes]',
  'Matching block [1/3, 2/3] in 4.512s',
  'Matching image [13/30] in 0.904s',
  'Registering image #7 (3)',
  'Elapsed time: 1.5 [minutes]',
  'Cameras: 1',
  'Images: 30',
  'Registered images: 29',
  'Points: 10234',
  'Observations: 61234',
  'Mean track length: 5.98',
  'Mean observations per image: 2041.1',
  'Mean reprojection error: 0.4321px',
  'ERROR: Delaunay meshing requires CGAL, which is not available on your system.',
  'F1123 18:55:12.123456  1234 reconstruction.cc:42] Check failed: existing_image',
].join('\n');

function runAll(chunks: string[]): ColmapEvent[] {
  const p = createProgressParser();
  return [...chunks.flatMap((c) => p.push(c)), ...p.end()];
}

describe('parseLine', () => {
  it('recognises every progress line COLMAP prints', () => {
    expect(parseLine('Processed file [3/30]')).toEqual({ kind: 'extract', done: 3, total: 30 });
    expect(parseLine('Matching block [2/4, 3/4] in 1.2s')).toEqual({
      kind: 'match-block',
      i: 2,
      j: 3,
      blocks: 4,
    });
    expect(parseLine('Matching block [3/12] in 2.0s')).toEqual({ kind: 'match-pairs', done: 3, total: 12 });
    expect(parseLine('Matching image [13/30] in 0.9s')).toEqual({ kind: 'match-image', done: 13, total: 30 });
    expect(parseLine('Registering image #7 (3)')).toEqual({ kind: 'register', imageId: 7, registered: 3 });
    expect(parseLine('Elapsed time: 1.5 [minutes]')).toEqual({ kind: 'elapsed', seconds: 90 });
    expect(parseLine('Elapsed time: 12.0 [seconds]')).toEqual({ kind: 'elapsed', seconds: 12 });
  });

  it('reads model_analyzer statistics, telling Images from Registered images', () => {
    expect(parseLine('Registered images: 29')).toEqual({ kind: 'stat', key: 'registeredImages', value: 29 });
    expect(parseLine('Images: 30')).toEqual({ kind: 'stat', key: 'images', value: 30 });
    expect(parseLine('I1123 18:55:12.1 model.cc:1] Points: 10234')).toEqual({
      kind: 'stat',
      key: 'points',
      value: 10234,
    });
    expect(parseLine('Mean reprojection error: 0.4321px')).toEqual({
      kind: 'stat',
      key: 'meanReprojectionError',
      value: 0.4321,
    });
  });

  it("turns ERROR: and glog fatal lines into the step's message", () => {
    expect(parseLine('ERROR: Delaunay meshing requires CGAL.')).toEqual({
      kind: 'error',
      message: 'Delaunay meshing requires CGAL.',
    });
    expect(parseLine('F1123 18:55:12.123456  1234 a.cc:42] Check failed: x')).toEqual({
      kind: 'error',
      message: 'Check failed: x',
    });
  });

  it('ignores ordinary chatter', () => {
    expect(parseLine('  Name:            view_000.png')).toBeUndefined();
    expect(parseLine('Feature extraction')).toBeUndefined();
  });
});

describe('createProgressParser', () => {
  it('keeps a line split across two writes and parses the remainder at the end', () => {
    const p = createProgressParser();
    expect(p.push('Processed file [1/')).toEqual([]);
    expect(p.push('30]\nRegistering image #2')).toEqual([{ kind: 'extract', done: 1, total: 30 }]);
    expect(p.push(' (2)')).toEqual([]);
    expect(p.end()).toEqual([{ kind: 'register', imageId: 2, registered: 2 }]);
    expect(p.end()).toEqual([]);
  });

  it('hands every complete line to the log callback', () => {
    const lines: string[] = [];
    const p = createProgressParser((l) => lines.push(l));
    p.push('a\r\nb\rc\n\nd');
    p.end();
    expect(lines).toEqual(['a', 'b', 'c', 'd']);
  });

  it('gives the same events however the text is split (property)', () => {
    const whole = runAll([SAMPLE]);
    expect(whole.length).toBe(17);
    const crlf = SAMPLE.replace(/\n/g, '\r\n');
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.nat(), { maxLength: 40 }), (useCrlf, cuts) => {
        const text = useCrlf ? crlf : SAMPLE;
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let prev = 0;
        for (const p of points) {
          chunks.push(text.slice(prev, p));
          prev = p;
        }
        chunks.push(text.slice(prev));
        expect(runAll(chunks)).toEqual(whole);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });
});
