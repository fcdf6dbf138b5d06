/**
 * The review's limits are the job's limits: the same check (cloud/limits.ts) says which limits a set
 * is over, whether the review shows it or a job refuses to create the project.
 */
import { describe, expect, it } from 'vitest';
import { checkAgainstLimits } from '../cloud/limits.js';
import { limitReport } from './review.js';

const token = { credit: 5_000_000_000, limit_filesize: 2_000_000_000, limit_photos: 1000 };

describe("the review's limit check", () => {
  const cases: [string, number, number, typeof token][] = [
    ['within every limit', 10, 1_000_000, token],
    ['exactly at the limits', 1000, 2_000_000_000, token],
    ['over the photo limit', 1001, 10, token],
    ['over the size limit and the credit', 3, 6_000_000_000, token],
    ['short of credit only', 3, 1_000_000, { ...token, credit: 10 }],
    // A limit the cloud does not set (negative, NaN) is no limit, for the review as for the job.
    ['no photo limit (-1)', 5000, 10, { ...token, limit_photos: -1 }],
    ['no size limit (NaN)', 3, 9_000_000_000, { ...token, limit_filesize: NaN, credit: 1e12 }],
  ];
  it.each(cases)('%s: the review marks over exactly what the job check refuses', (_, photos, bytes, info) => {
    const review = limitReport(photos, bytes, info);
    const job = checkAgainstLimits({ photoCount: photos, bytes }, info);
    expect(review.checked).toBe(true);
    expect(review.ok).toBe(job.ok);
    expect(review.items.filter((i) => i.over).map((i) => i.what)).toEqual(job.problems.map((p) => p.what));
  });

  it('lists every limit the token sets, with the numbers', () => {
    expect(limitReport(1200, 2_500_000_000, token).items).toEqual([
      { what: 'photos', limit: 1000, actual: 1200, over: true },
      { what: 'filesize', limit: 2_000_000_000, actual: 2_500_000_000, over: true },
      { what: 'credit', limit: 5_000_000_000, actual: 2_500_000_000, over: false },
    ]);
  });

  it('is not checked without a token', () => {
    expect(limitReport(1, 1, undefined)).toEqual({ checked: false, ok: true, items: [] });
  });
});
