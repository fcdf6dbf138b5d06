import { describe, expect, it } from 'vitest';
import { judge, type GraphFacts, type PhotoMeasure } from './judge.js';

const files = Array.from({ length: 30 }, (_, i) => `p${i}.jpg`);
const m = (sharpness = 600, highlights = 0.01, shadows = 0.01): PhotoMeasure => ({
  sharpness,
  highlights,
  shadows,
});
const all = (over: Record<number, PhotoMeasure | { error: string }> = {}) => files.map((_, i) => over[i] ?? m(600 + (i % 5) * 20)); // prettier-ignore
const oneGroup = (over: Partial<GraphFacts> = {}): GraphFacts => ({
  groups: [files.map((_, i) => i)],
  weak: [],
  placed: new Set(files.map((_, i) => i)),
  gaps: [],
  ...over,
});

describe('judge', () => {
  it('a clean set is good, with nothing flagged and nothing to do', () => {
    const r = judge({ files, measures: all(), duplicates: [], graph: oneGroup(), seconds: 1 });
    expect(r).toMatchObject({ verdict: 'good', flagged: [], reasons: [], suggestions: [], placed: 30 });
  });
  it('blur is relative to the set: a soft but even set is not flagged, the odd soft photo is', () => {
    const soft = files.map(() => m(40));
    expect(judge({ files, measures: soft, duplicates: [], graph: oneGroup(), seconds: 0 }).flagged).toEqual(
      [],
    );
    const r = judge({ files, measures: all({ 4: m(90) }), duplicates: [], graph: oneGroup(), seconds: 0 });
    expect(r.verdict).toBe('risky');
    expect(r.flagged).toEqual([{ file: 'p4.jpg', reasons: ['blur'], detail: { blur: { value: 90, median: 640, ratio: 0.141 } } }]); // prettier-ignore
    expect(r.suggestions).toContainEqual({ code: 'remove-photos', params: { reason: 'blur', count: 1 }, files: ['p4.jpg'] }); // prettier-ignore
  });
  it('exposure: a white backdrop in every photo is not flagged, one blown photo is', () => {
    const white = files.map(() => m(600, 0.4));
    expect(judge({ files, measures: white, duplicates: [], graph: oneGroup(), seconds: 0 }).flagged).toEqual(
      [],
    );
    const r = judge({ files, measures: all({ 7: m(600, 0.3), 8: m(600, 0.01, 0.5) }), duplicates: [], graph: oneGroup(), seconds: 0 }); // prettier-ignore
    expect(r.flagged.map((f) => [f.file, f.reasons])).toEqual([
      ['p7.jpg', ['exposure']],
      ['p8.jpg', ['exposure']],
    ]);
  });
  it('a second group is disconnected; when the main group is under half the set, it will fail', () => {
    const g = oneGroup({ groups: [files.slice(0, 24).map((_, i) => i), [24, 25, 26, 27, 28, 29]] });
    const r = judge({ files, measures: all(), duplicates: [], graph: g, seconds: 0 });
    expect(r.verdict).toBe('risky');
    expect(r.flagged.filter((f) => f.reasons.includes('disconnected'))).toHaveLength(6);
    expect(r.groups[1]).toEqual(['p24.jpg', 'p25.jpg', 'p26.jpg', 'p27.jpg', 'p28.jpg', 'p29.jpg']);
    const split = oneGroup({ groups: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], files.slice(10).map((_, i) => i + 10)], placed: new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) }); // prettier-ignore
    const bad = judge({ files, measures: all(), duplicates: [], graph: split, seconds: 0 });
    expect(bad.verdict).toBe('will-fail');
    expect(bad.suggestions.map((s) => s.code)).toContain('reshoot-set');
  });
  it('a gap flags the photos on either side and suggests reshooting that arc', () => {
    const r = judge({ files, measures: all(), duplicates: [], graph: oneGroup({ gaps: [{ degrees: 70, after: 9, before: 10 }] }), seconds: 0 }); // prettier-ignore
    expect(r.verdict).toBe('risky');
    expect(r.gaps).toEqual([{ degrees: 70, after: 'p9.jpg', before: 'p10.jpg' }]);
    expect(r.suggestions).toEqual([
      { code: 'reshoot-arc', params: { degrees: 70, after: 'p9.jpg', before: 'p10.jpg' } },
    ]);
    expect(r.flagged.map((f) => f.file)).toEqual(['p9.jpg', 'p10.jpg']);
  });
  it('duplicates, unreadable photos, few photos and no model', () => {
    const r = judge({ files, measures: all({ 3: { error: 'truncated' } }), duplicates: [{ index: 5, of: 2 }], graph: oneGroup({ placed: new Set() }), seconds: 0 }); // prettier-ignore
    expect(r.verdict).toBe('will-fail');
    expect(r.reasons.map((x) => x.code)).toContain('no-model');
    expect(r.flagged.find((f) => f.file === 'p5.jpg')?.detail.duplicate).toEqual({ of: 'p2.jpg' });
    expect(r.flagged.find((f) => f.file === 'p3.jpg')?.reasons).toEqual(['unreadable']);
    const few = judge({ files: files.slice(0, 8), measures: all().slice(0, 8), duplicates: [], seconds: 0 });
    expect(few).toMatchObject({ verdict: 'risky', colmap: false });
    expect(few.suggestions[0]).toEqual({ code: 'add-photos', params: { count: 8, min: 20 } });
  });
});
