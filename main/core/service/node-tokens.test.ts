import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../contract/index.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { createServiceFromRuntime } from './from-runtime.js';

let dir: string;
let rt: Runtime;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'node-tokens-'));
  rt = await openRuntime({ dataDir: dir, lock: false });
});
afterEach(async () => {
  await rt.close();
  await rm(dir, { recursive: true, force: true });
});

describe('NodeODM profile tokens through the service (the settings screen)', () => {
  it('saves a token bound to the profile and its address; the UI only learns that one is saved', async () => {
    const svc = createServiceFromRuntime(rt, { mode: 'web', version: 'test' });
    const target = { profile: 'Lab', endpoint: 'http://lab.example:3000' };
    expect(await svc.getNodeTokenStatus(target)).toEqual({ hasToken: false });
    const r = await svc.setNodeToken({ ...target, token: 'node-secret-123' });
    expect(r).toEqual({ hasToken: true });
    expect(API_METHODS.setNodeToken.result.parse(r)).toEqual({ hasToken: true });
    // Bound to the address: the same profile pointing elsewhere has no token.
    expect(await svc.getNodeTokenStatus({ profile: 'Lab', endpoint: 'http://other:3000' })).toEqual({
      hasToken: false,
    });
    expect(await rt.nodeTokens.get({ kind: 'profile', profile: 'Lab' }, target.endpoint)).toBe(
      'node-secret-123',
    );
    // Never in settings.json, never in the log.
    const settingsText = await readFile(rt.settings.path, 'utf8').catch(() => '');
    expect(settingsText).not.toContain('node-secret-123');
    expect(JSON.stringify(await svc.getLog())).not.toContain('node-secret-123');
    expect((await readdir(path.join(dir, 'secrets'))).length).toBe(1);
    expect(await svc.setNodeToken({ ...target, token: null })).toEqual({ hasToken: false });
  });

  it('refuses a token call of the wrong shape at the boundary', () => {
    const args = API_METHODS.setNodeToken.args;
    expect(args.safeParse([{ profile: 'Lab', endpoint: 'file:///etc/passwd', token: 'x' }]).success).toBe(
      false,
    );
    expect(args.safeParse([{ profile: '', endpoint: 'http://a:1', token: 'x' }]).success).toBe(false);
    expect(args.safeParse([{ profile: 'Lab', endpoint: 'http://a:1', token: null }]).success).toBe(true);
  });
});
