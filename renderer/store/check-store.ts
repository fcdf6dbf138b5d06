/**
 * The pre-flight check's state in the UI: which check runs for which reviewed set, its progress,
 * its report, and the photos the person dropped. Fed by check:* events (never polled). A report or
 * a progress tick for another check (an older one, cancelled) is ignored.
 */
import { create } from 'zustand';
import type { CheckDone, CheckProgressDto, CheckReportDto, SetReview } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { toUiError, type UiError } from './app-store.js';

export type CheckStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'skipped' | 'failed';

export interface CheckState {
  /** The reviewed set this state belongs to. */
  scanId?: string | undefined;
  checkId?: string | undefined;
  status: CheckStatus;
  progress?: CheckProgressDto | undefined;
  report?: CheckReportDto | undefined;
  /** Why it could not finish (code + specifics: ErrorText says it). */
  error?: UiError | undefined;
  /** Photo ids left out of the upload. */
  dropped: string[];
  /** Check before every upload (on by default). */
  auto: boolean;
  start(review: SetReview): Promise<void>;
  cancel(): Promise<void>;
  skip(): Promise<void>;
  setAuto(on: boolean): void;
  drop(ids: string[]): void;
  undrop(id: string): void;
  /** A new review: forget the old set's check (cancelling it if it still runs). */
  forReview(review: SetReview): void;
}

const AUTO_KEY = 'scanbridge.check.auto';

/**
 * A check's end that came before startCheck's reply named the check (it failed at once): kept until
 * the reply comes, else the panel would say "Checking… 0 %" for ever. A few at most.
 */
const early = new Map<string, CheckDone>();
const EARLY_MAX = 4;

function finish({ report, cancelled, error }: CheckDone): void {
  if (report) useCheck.setState({ status: 'done', report, progress: undefined });
  else if (cancelled) useCheck.setState({ status: 'cancelled' });
  else useCheck.setState({ status: 'failed', error: error && toUiError(error) });
}

export const useCheck = create<CheckState>((set, get) => ({
  status: 'idle',
  dropped: [],
  auto: localStorage.getItem(AUTO_KEY) !== 'off',
  async start(review) {
    set({
      scanId: review.scanId,
      status: 'running',
      progress: undefined,
      report: undefined,
      error: undefined,
    });
    try {
      const { checkId } = await api.startCheck({ photoIds: review.photos.map((p) => p.id) });
      if (get().scanId !== review.scanId || get().status !== 'running') return;
      set({ checkId });
      const done = early.get(checkId);
      early.clear();
      if (done) finish(done);
    } catch (e) {
      set({ status: 'failed', error: toUiError(e) });
    }
  },
  async cancel() {
    const { checkId } = get();
    set({ status: 'cancelled' });
    if (checkId) await api.cancelCheck(checkId).catch(() => undefined);
  },
  async skip() {
    const { checkId, status } = get();
    set({ status: 'skipped' });
    if (checkId && status === 'running') await api.cancelCheck(checkId).catch(() => undefined);
  },
  setAuto(on) {
    localStorage.setItem(AUTO_KEY, on ? 'on' : 'off');
    set({ auto: on });
  },
  drop(ids) {
    set({ dropped: [...new Set([...get().dropped, ...ids])] });
  },
  undrop(id) {
    set({ dropped: get().dropped.filter((x) => x !== id) });
  },
  forReview(review) {
    if (get().scanId === review.scanId) return;
    const { checkId, status } = get();
    if (checkId && status === 'running') void api.cancelCheck(checkId).catch(() => undefined);
    set({ scanId: review.scanId, checkId: undefined, status: 'idle', progress: undefined, report: undefined, error: undefined, dropped: [] }); // prettier-ignore
    if (get().auto && review.photoCount > 0) void get().start(review);
  },
}));

let subscribed = false;
/** Listens to the check's events once per page. */
export function subscribeCheckEvents(): void {
  if (subscribed) return;
  subscribed = true;
  api.on('check:progress', ({ checkId, progress }) => {
    const s = useCheck.getState();
    if (s.checkId === checkId && s.status === 'running') useCheck.setState({ progress });
  });
  api.on('check:done', (done) => {
    const s = useCheck.getState();
    if (s.status !== 'running') return;
    if (s.checkId === undefined) {
      if (early.size >= EARLY_MAX) early.clear();
      early.set(done.checkId, done);
    } else if (s.checkId === done.checkId) finish(done);
  });
}
