/**
 * The stand-in's tasks and queue, timed like a NodeODM in test mode: after commit a task shows 20
 * while its files are moved into place, then 10 while it waits for a slot (maxParallelTasks), then 20
 * for `processingMs`, then 40 (or 30 with `failTasks`). processingTime is -1 for the first second
 * of running and then refreshed once a second; cancel sets 50 without stopping the simulated work,
 * as the node does. Timers are real (cleared on close); `now` only stamps dates.
 */
import { COMPLETED_OUTPUT, RUNNING_OUTPUT } from './canned-output.js';
import { FINISHING_OPTIONS, type TaskOption } from './node-options.js';

export type Phase = 'uploading' | 'initializing' | 'queued' | 'running' | 'failed' | 'completed' | 'canceled';

export interface StubTask {
  uuid: string;
  /** Absent when the init carried no name (the node then has no `name` key). */
  name?: string | undefined;
  /** A list, or the empty string a restart with `options=""` leaves behind (which crashes the node). */
  options: TaskOption[] | string;
  dateCreated: number;
  dir: string;
  /** Stored names in arrival order; a re-sent photo is stored again as `name_.jpg`, as NodeODM does. */
  images: string[];
  phase: Phase;
  progress: number;
  output: readonly string[];
  errorMessage?: string | undefined;
  /** When the simulated work started (ms, performance clock), while it runs. */
  workStartedAt?: number | undefined;
  /** Final processingTime once the work ended. */
  finalTime?: number | undefined;
  /** The simulated work, still running even after a cancel. */
  work?: NodeJS.Timeout | undefined;
  zipPath?: string | undefined;
  /** Set by a restart with options="": the next queue run kills the node. */
  poisoned?: boolean;
}

export const STATUS: Record<Phase, number> = {
  uploading: 0,
  initializing: 20,
  queued: 10,
  running: 20,
  failed: 30,
  completed: 40,
  canceled: 50,
};

export interface QueueOptions {
  processingMs: number;
  /** How long a committed task shows 20 before it is queued (files being moved). */
  initMs: number;
  maxParallelTasks: number;
  maxImages: number | null;
  failTasks: boolean;
  /** Lines a failed task's console ends with (none on the recorded test-mode node). */
  failureOutput: readonly string[];
  /** The node process dies (a restart with options="" reached the queue). */
  onCrash: () => void;
}

export interface TaskQueue {
  tasks: Map<string, StubTask>;
  /** After commit or single-shot create. */
  committed(task: StubTask): void;
  cancel(task: StubTask): void;
  remove(task: StubTask): void;
  /** false when the task is queued or running ("Task cannot be restarted"). */
  restart(task: StubTask, options: TaskOption[] | string | undefined): boolean;
  processingTime(task: StubTask): number;
  /** Tasks waiting or running, as /info's taskQueueCount. */
  queueCount(): number;
  /** Not a NodeODM feature: ends every running task now (a test holds a task running with a long processingMs). */
  finishRunning(): void;
  close(): void;
}

const elapsed = (since: number): number => Math.round(performance.now() - since);

export function appendFinishing(options: TaskOption[]): TaskOption[] {
  return [...options, ...FINISHING_OPTIONS.filter((f) => !options.some((o) => o.name === f.name))];
}

export function createTaskQueue(o: QueueOptions, now: () => number): TaskQueue {
  const tasks = new Map<string, StubTask>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): NodeJS.Timeout => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
    return t;
  };
  const cancelTimer = (t: NodeJS.Timeout | undefined): void => {
    if (!t) return;
    clearTimeout(t);
    timers.delete(t);
  };
  const occupying = (): number => [...tasks.values()].filter((t) => t.work !== undefined).length;

  function schedule(): void {
    for (const t of tasks.values()) {
      if (t.phase !== 'queued') continue;
      if (t.poisoned) return o.onCrash();
      if (occupying() >= o.maxParallelTasks) return;
      start(t);
    }
  }

  function start(t: StubTask): void {
    t.phase = 'running';
    t.progress = 0;
    t.output = RUNNING_OUTPUT;
    t.workStartedAt = performance.now();
    t.finalTime = undefined;
    t.work = later(o.processingMs, () => finish(t));
  }

  function finish(t: StubTask): void {
    t.work = undefined;
    if (!tasks.has(t.uuid)) return;
    t.finalTime = t.workStartedAt !== undefined ? elapsed(t.workStartedAt) : -1;
    t.workStartedAt = undefined;
    t.progress = 100;
    if (o.failTasks) {
      t.phase = 'failed';
      if (o.failureOutput.length > 0) t.output = [...t.output, ...o.failureOutput];
    } else {
      t.phase = 'completed';
      t.output = COMPLETED_OUTPUT;
    }
    schedule();
  }

  function initialise(t: StubTask): void {
    t.phase = 'initializing';
    t.progress = 0;
    later(o.initMs, () => {
      if (!tasks.has(t.uuid) || t.phase !== 'initializing') return;
      if (o.maxImages !== null && t.images.length > o.maxImages) {
        // The node checks its image limit after the commit was accepted: the task fails at once.
        t.phase = 'failed';
        t.errorMessage = `${t.images.length} images uploaded, but this node can only process up to ${o.maxImages}.`;
        t.finalTime = -1;
        t.output = [];
        return;
      }
      if (Array.isArray(t.options)) t.options = appendFinishing(t.options);
      t.phase = 'queued';
      schedule();
    });
  }

  return {
    tasks,
    finishRunning() {
      for (const t of tasks.values()) {
        if (t.phase !== 'running' || !t.work) continue;
        cancelTimer(t.work);
        finish(t);
      }
    },
    committed(t) {
      // The node starts its queue on every new task: a poisoned task takes it down right there.
      if ([...tasks.values()].some((x) => x.poisoned && x.phase === 'queued')) return o.onCrash();
      initialise(t);
    },
    cancel(t) {
      if (t.phase === 'uploading') return;
      t.phase = 'canceled';
      t.finalTime = -1;
      schedule();
    },
    remove(t) {
      cancelTimer(t.work);
      t.work = undefined;
      tasks.delete(t.uuid);
      schedule();
    },
    restart(t, options) {
      if (t.phase === 'queued' || t.phase === 'running' || t.phase === 'initializing') return false;
      cancelTimer(t.work);
      t.work = undefined;
      t.errorMessage = undefined;
      t.zipPath = undefined;
      t.dateCreated = now();
      t.output = [];
      t.progress = 0;
      t.finalTime = -1;
      t.workStartedAt = undefined;
      if (options === '') {
        // Recorded: the reply is an error, the task is queued with options "", and the next queue
        // run takes the node down.
        t.options = '';
        t.poisoned = true;
        t.phase = 'queued';
        return true;
      }
      if (options !== undefined) t.options = appendFinishing(options as TaskOption[]);
      t.phase = 'queued';
      schedule();
      return true;
    },
    processingTime(t) {
      if (t.phase === 'running' && t.workStartedAt !== undefined) {
        const ms = elapsed(t.workStartedAt);
        return ms < 1000 ? -1 : Math.floor(ms / 1000) * 1000 + 1;
      }
      if (t.phase === 'completed' || t.phase === 'failed') return t.finalTime ?? -1;
      return -1;
    },
    queueCount: () => [...tasks.values()].filter((t) => t.phase === 'queued' || t.phase === 'running').length,
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

/** NodeODM keeps a duplicate upload as `name_.ext` (and `name__.ext` …). */
export function storedName(existing: ReadonlySet<string>, filename: string): string {
  const safe = filename.replace(/[\\/]/g, '_').replace(/^\.+/, '_') || 'image';
  let name = safe;
  while (existing.has(name)) name = name.replace(/(\.[^.]*)?$/, '_$1');
  return name;
}

/** The JSON `/task/{uuid}/info` sends, keys in the node's order. */
export function taskInfoBody(t: StubTask, q: TaskQueue, withOutput: string | null): Record<string, unknown> {
  const code = STATUS[t.phase];
  const body: Record<string, unknown> = { uuid: t.uuid };
  if (t.name !== undefined) body.name = t.name;
  Object.assign(body, {
    dateCreated: t.dateCreated,
    processingTime: q.processingTime(t),
    status: t.errorMessage && t.phase === 'failed' ? { code, errorMessage: t.errorMessage } : { code },
    options: t.options,
    imagesCount: t.images.length,
    progress: t.progress,
  });
  if (withOutput !== null) body.output = t.output.slice(Number.parseInt(withOutput, 10) || 0);
  return body;
}
