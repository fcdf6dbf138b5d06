import { describe, expect, it } from 'vitest';
import { LimitExceededError } from '../errors.js';
import { checkAgainstLimits, limitReportError } from './limits.js';

const limits = { credit: 24_468_629_501, limit_filesize: 2_000_000_000, limit_photos: 1000 };

describe('checkAgainstLimits', () => {
  it('is ok within every limit, including exactly at them', () => {
    expect(checkAgainstLimits({ photoCount: 1000, bytes: 2_000_000_000 }, limits)).toEqual({
      ok: true,
      problems: [],
    });
  });

  it('says what is over and by how much', () => {
    const r = checkAgainstLimits(
      { photoCount: 1200, bytes: 2_312_000_000 },
      { ...limits, credit: 1_500_000_000 },
    );
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.message)).toEqual([
      '1,200 photos is 200 over your limit of 1,000 photos per project.',
      '2.31 GB is 312 MB over your limit of 2.00 GB per project.',
      'This set needs 2.31 GB of credit; your token has 1.50 GB left (812 MB short).',
    ]);
    expect(r.problems[1]).toMatchObject({ what: 'filesize', limit: 2_000_000_000, actual: 2_312_000_000 });
  });

  it('limitReportError carries the details and the right code', () => {
    const photosOnly = limitReportError(checkAgainstLimits({ photoCount: 1001, bytes: 10 }, limits));
    expect(photosOnly).toBeInstanceOf(LimitExceededError);
    expect(photosOnly.code).toBe('LIMIT_EXCEEDED');
    expect(photosOnly.details).toEqual([{ what: 'photos', limit: 1000, actual: 1001 }]);
    expect(photosOnly.hint).toMatch(/split the set/);
    const credit = limitReportError(
      checkAgainstLimits({ photoCount: 1, bytes: 10 }, { ...limits, credit: 5 }),
    );
    expect(credit.code).toBe('INSUFFICIENT_CREDIT');
    expect(credit.message).toBe(
      'This set needs 10 bytes of credit; your token has 5 bytes left (5 bytes short).',
    );
  });
});
