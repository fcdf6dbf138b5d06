/**
 * The UI's state: one zustand store fed by API replies and pushed events (never polled for job
 * progress). Components select small slices so a progress tick re-renders one row only.
 */
import { create } from 'zustand';
import type {
  AppInfo,
  CloudOverview,
  Job,
  SerializedError,
  SetReview,
  Settings,
  TokenStatus,
} from '../../main/contract/index.js';
import { isActive } from '../../main/contract/index.js';
import { api, isElectron } from '../api/index.js';

export type Screen = 'home' | 'review' | 'queue' | 'projects' | 'settings' | 'log';

export interface UiError {
  message: string;
  hint?: string | undefined;
  code?: string | undefined;
  /** The error's specifics (main/contract/error-details.ts): what ErrorText says in the UI's language. */
  detail?: string | undefined;
  params?: SerializedError['params'];
}

export interface AppState {
  ready: boolean;
  app?: AppInfo;
  screen: Screen;
  token?: TokenStatus;
  tokenDialogOpen: boolean;
  cloud?: CloudOverview;
  jobs: Record<string, Job>;
  review?: SetReview;
  scanning: boolean;
  settings?: Settings;
  error?: UiError;
  notice?: string;
  /** The job a notification click asked for: its row is highlighted, scrolled to and focused. */
  shownJobId?: string;
  go(screen: Screen): void;
  /** Projects for a finished job, the queue otherwise, with that job's row brought into view. */
  showJob(jobId: string): void;
  setError(e: unknown): void;
  clearError(): void;
  setNotice(n: string | undefined): void;
  openTokenDialog(open: boolean): void;
  init(): Promise<void>;
  refreshCloud(): Promise<void>;
  scan(paths: string[]): Promise<void>;
  upsertJob(job: Job): void;
  dropJob(id: string): void;
  setToken(t: TokenStatus): void;
  setSettings(s: Settings): void;
}

export function toUiError(e: unknown): UiError {
  if (e && typeof e === 'object' && 'message' in e) {
    // An ApiCallError keeps the whole serialised error (detail, params) beside its own fields.
    const serialized = (e as { serialized?: Partial<SerializedError> }).serialized;
    const o = { ...serialized, ...(e as Partial<SerializedError> & { message: string }) };
    const message = (e as { message: string }).message;
    return { message, hint: o.hint, code: o.code, detail: o.detail, params: o.params };
  }
  return { message: String(e) };
}

export const useApp = create<AppState>((set, get) => ({
  ready: false,
  screen: 'home',
  tokenDialogOpen: false,
  jobs: {},
  scanning: false,
  go: (screen) => set({ screen, error: undefined, notice: undefined, shownJobId: undefined }),
  showJob: (jobId) => {
    const job = get().jobs[jobId];
    // The queue lists running and failed jobs; Projects lists every job.
    const screen = job && (isActive(job.state) || job.state === 'failed') ? 'queue' : 'projects';
    set({ screen, error: undefined, notice: undefined, shownJobId: jobId });
  },
  setError: (e) => set({ error: toUiError(e) }),
  clearError: () => set({ error: undefined }),
  setNotice: (notice) => set({ notice }),
  openTokenDialog: (open) => set({ tokenDialogOpen: open }),
  // Never let an older snapshot replace a newer one: the reply to createJob can arrive after the
  // job's first state events (the job starts at once), and used to put an uploading job back to
  // "Queued" until its next state change.
  upsertJob: (job) => set((s) => ({ jobs: mergeJobs(s.jobs, [job]) })),
  dropJob: (id) =>
    set((s) => {
      const jobs = { ...s.jobs };
      delete jobs[id];
      return { jobs };
    }),
  setToken: (token) => set({ token }),
  setSettings: (settings) => set({ settings }),

  async init() {
    api.on('job:state', ({ job }) => get().upsertJob(job));
    api.on('job:progress', ({ jobId, progress }) =>
      set((s) => {
        const job = s.jobs[jobId];
        return job ? { jobs: { ...s.jobs, [jobId]: { ...job, progress } } } : {};
      }),
    );
    api.on('token:changed', (token) => {
      set({ token });
      void get().refreshCloud();
    });
    api.on('settings:changed', (settings) => set({ settings }));
    // Electron only: paths from the app menu, the dock or a second launch (web mode never sends it).
    if (isElectron) api.on('app:open-paths', ({ paths }) => void get().scan(paths));
    // A click on a job's notification (Electron; web mode never sends it, so listening there is free).
    api.on('app:show-job', ({ jobId }) => get().showJob(jobId));
    try {
      const [app, token, jobs, settings] = await Promise.all([
        api.getAppInfo(),
        api.getTokenStatus(),
        api.listJobs(),
        api.getSettings(),
      ]);
      set({
        app,
        token,
        settings,
        // Events that came in while these calls ran may be newer than the list.
        jobs: mergeJobs(get().jobs, jobs),
        tokenDialogOpen: !token.hasToken,
        ready: true,
      });
    } catch (e) {
      set({ error: toUiError(e), ready: true });
    }
    void get().refreshCloud();
  },

  async refreshCloud() {
    try {
      set({ cloud: await api.getCloudOverview() });
    } catch {
      set({ cloud: { online: false, statusText: '', checkedAt: new Date().toISOString() } });
    }
  },

  async scan(paths) {
    set({ scanning: true, error: undefined });
    const from = get().screen;
    try {
      const review = await api.scanPaths(paths);
      // Show it, unless the person went to another screen while the scan ran (then it waits there).
      set(get().screen === from ? { review, screen: 'review' } : { review });
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ scanning: false });
    }
  },
}));

/**
 * Adds job snapshots to the known ones; a snapshot older than the one already held is ignored (the
 * same millisecond counts as newer: the later call wins).
 */
export function mergeJobs(known: Record<string, Job>, incoming: Job[]): Record<string, Job> {
  const out = { ...known };
  for (const j of incoming) {
    const cur = out[j.id];
    if (!cur || cur.updatedAt <= j.updatedAt) out[j.id] = j;
  }
  return out;
}

/** Jobs newest first. */
export function sortedJobs(jobs: Record<string, Job>): Job[] {
  return Object.values(jobs).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
