import { describe, expect, it } from 'vitest';
import { ErrorCodeSchema } from '../../contract/schemas.js';
import type { ErrorCode } from '../errors.js';
import { nextStepFor } from './next-step.js';

const job = (code: ErrorCode, retryable = false) => ({
  id: 'j1',
  projectName: 'scan-abc',
  state: 'failed' as const,
  error: { name: 'E', code, message: 'm', retryable },
});

describe('nextStepFor', () => {
  it('a transient failure resumes', () => {
    expect(nextStepFor(job('SERVER', true))).toMatchObject({ kind: 'resume', command: 'scanbridge resume' });
  });
  it('a project the cloud forgot is started again as a new project', () => {
    const s = nextStepFor(job('PROJECT_NOT_FOUND'));
    expect(s).toMatchObject({ kind: 'retry-new-project', command: 'scanbridge retry j1' });
    expect(s.say).toMatch(/scan-abc.*new project.*credit/);
  });
  it.each<[ErrorCode, string]>([
    ['INVALID_TOKEN', 'fix-token'],
    ['INSUFFICIENT_CREDIT', 'fix-set'],
    ['SOURCE_CHANGED', 'fix-input'],
    ['BAD_RESPONSE', 'retry-later-or-elsewhere'],
    ['UNSAFE_ARCHIVE', 'retry-later-or-elsewhere'],
  ])('%s → %s', (code, kind) => {
    expect(nextStepFor(job(code)).kind).toBe(kind);
  });
  it('every permanent code has a step with something to say', () => {
    for (const code of ErrorCodeSchema.options) expect(nextStepFor(job(code)).say.length).toBeGreaterThan(10);
  });
  it('nothing to do for a job that did not fail', () => {
    expect(nextStepFor({ ...job('SERVER'), state: 'done' }).kind).toBe('none');
  });
});
