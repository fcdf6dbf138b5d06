import { describe, expect, it } from 'vitest';
import { normalizeCloudStatus } from './cloud-status.js';

describe('a failed cloud project in the server’s own words', () => {
  it('quotes the server’s reason, not our English sentence about it', () => {
    const s = normalizeCloudStatus({
      status: 'processing failed',
      error: 'Reconstruction failed: only 2 of 4 images\u001b[2J could be aligned',
    });
    expect(s.phase).toBe('failed');
    expect(s.said).toBe('Reconstruction failed: only 2 of 4 images could be aligned');
    // Our sentence stays for the log.
    expect(s.message).toBe('The cloud reports: processing failed.');
  });

  it('without a reason, quotes the status it reported', () => {
    expect(normalizeCloudStatus({ status: 'processing failed' }).said).toBe('processing failed');
  });

  it('says nothing of its own for a project that is not failed', () => {
    expect(normalizeCloudStatus({ status: 'processing started' }).said).toBeUndefined();
  });
});
