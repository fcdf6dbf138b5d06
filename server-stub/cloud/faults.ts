/**
 * Fault injection: a seeded random source (so a test's "30% of uploads cut" is reproducible) and the
 * mutable fault settings the router and upload handler consult per request.
 */
import { seededRandom } from '../random.js';
import { DEFAULT_FAULTS, type CloudFaults } from './types.js';

export interface FaultController {
  current(): CloudFaults;
  set(f: Partial<CloudFaults>): void;
  /** True when this request must get the 503 page; consumes one from the burst. */
  takeServerError(): boolean;
  /** Decides, once per upload, whether its connection will be cut mid-body. */
  shouldCutUpload(): boolean;
}

export function createFaults(initial: Partial<CloudFaults> = {}): FaultController {
  let faults: CloudFaults = { ...DEFAULT_FAULTS, ...initial };
  let rand = seededRandom(faults.seed);
  return {
    current: () => faults,
    set(f) {
      faults = { ...faults, ...f };
      if (f.seed !== undefined) rand = seededRandom(f.seed);
    },
    takeServerError() {
      if (faults.serverErrorBurst <= 0) return false;
      faults = { ...faults, serverErrorBurst: faults.serverErrorBurst - 1 };
      return true;
    },
    shouldCutUpload() {
      if (faults.uploadCutRate <= 0) return false;
      return rand() < faults.uploadCutRate;
    },
  };
}
