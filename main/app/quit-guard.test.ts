import type { MessageBoxOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainI18n } from './i18n.js';
import { confirmQuit, KEEP_BUTTON, QUIT_BUTTON, quitPrompt } from './quit-guard.js';
import { makeJob } from './test-jobs.js';

const en = createMainI18n('en').t;

describe('quitPrompt', () => {
  it('asks nothing when no work on this computer would be interrupted', () => {
    expect(quitPrompt([], en)).toBeUndefined();
    expect(
      quitPrompt(
        [makeJob('a', 'paused'), makeJob('b', 'done'), makeJob('c', 'processing'), makeJob('d', 'queued')],
        en,
      ),
    ).toBeUndefined();
  });

  it('counts the interrupted jobs, and Enter/Escape keep running', () => {
    const one = quitPrompt([makeJob('a', 'uploading'), makeJob('b', 'done')], en);
    expect(one).toMatchObject({ type: 'question', message: '1 job is still working. Quit anyway?' });
    expect(one?.buttons?.[QUIT_BUTTON]).toBe('Quit');
    expect(one?.buttons?.[KEEP_BUTTON]).toBe('Keep running');
    expect(one?.defaultId).toBe(KEEP_BUTTON);
    expect(one?.cancelId).toBe(KEEP_BUTTON);
    const two = quitPrompt([makeJob('a', 'uploading'), makeJob('b', 'processing', { backend: 'local' })], en);
    expect(two?.message).toBe('2 jobs are still working. Quit anyway?');
  });

  it('speaks German with its plural', () => {
    const de = createMainI18n('de').t;
    const p = quitPrompt([makeJob('a', 'uploading'), makeJob('b', 'downloading')], de);
    expect(p?.message).toBe('2 Aufträge laufen noch. Trotzdem beenden?');
    expect(p?.buttons).toEqual(['Beenden', 'Weiterlaufen lassen']);
  });
});

function deps(jobs: ReturnType<typeof makeJob>[], response: number, failPause: string[] = []) {
  const asked: MessageBoxOptions[] = [];
  const paused: string[] = [];
  return {
    asked,
    paused,
    deps: {
      listJobs: async () => jobs,
      showMessageBox: async (o: MessageBoxOptions) => (asked.push(o), { response }),
      pauseJob: async (id: string) => {
        if (failPause.includes(id)) throw new Error('gone');
        paused.push(id);
      },
      t: en,
    },
  };
}

describe('confirmQuit', () => {
  it('quits at once when nothing works here', async () => {
    const d = deps([makeJob('a', 'done')], QUIT_BUTTON);
    expect(await confirmQuit(d.deps)).toEqual({ quit: true, paused: [] });
    expect(d.asked).toEqual([]);
  });

  it('keeps running and pauses nothing on Keep running', async () => {
    const d = deps([makeJob('a', 'uploading')], KEEP_BUTTON);
    expect(await confirmQuit(d.deps)).toEqual({ quit: false });
    expect(d.asked).toHaveLength(1);
    expect(d.paused).toEqual([]);
  });

  it('on Quit pauses the interrupted jobs and reports those it paused', async () => {
    const jobs = [
      makeJob('a', 'uploading'),
      makeJob('b', 'processing'),
      makeJob('c', 'downloading'),
      makeJob('d', 'scanning'),
    ];
    const d = deps(jobs, QUIT_BUTTON, ['d']);
    expect(await confirmQuit(d.deps)).toEqual({ quit: true, paused: ['a', 'c'] });
    expect(d.paused).toEqual(['a', 'c']);
  });
});
