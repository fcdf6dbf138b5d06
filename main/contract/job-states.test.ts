import { describe, expect, it } from 'vitest';
import {
  ACTIVE_STATES,
  FAILED_STATES,
  FINISHED_STATES,
  JOB_STATES,
  WORKING_STATES,
  isActive,
  isFailed,
  isFinished,
  isWorking,
} from './job-states.js';

describe('job states', () => {
  it('splits every state into active or finished, never both', () => {
    expect([...ACTIVE_STATES, ...FINISHED_STATES].sort()).toEqual([...JOB_STATES].sort());
    for (const s of JOB_STATES) expect(isActive(s), s).toBe(!isFinished(s));
  });

  it('names the groups each side relies on', () => {
    expect(FINISHED_STATES).toEqual(['done', 'failed', 'cancelled']);
    expect(FAILED_STATES).toEqual(['failed', 'cancelled']);
    // The taskbar counts only jobs doing work: a queued or paused job holds no slot.
    expect(ACTIVE_STATES.filter((s) => !isWorking(s))).toEqual(['queued', 'paused']);
    expect(WORKING_STATES.every(isActive)).toBe(true);
    expect(FAILED_STATES.every(isFinished)).toBe(true);
    expect(isFailed('done')).toBe(false);
  });
});
