import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCloudArgs } from './cli.js';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const AUTH = `Basic ${Buffer.from('openscan:free').toString('base64')}`;

describe('stub CLI arguments', () => {
  it('parses repeatable tokens and the fault options', () => {
    const o = parseCloudArgs([
      '--port',
      '1334',
      '--token',
      'a',
      '--token',
      'b',
      '--latency',
      '50',
      '--cut-rate',
      '0.2',
    ]);
    expect(o).toMatchObject({
      port: 1334,
      host: '127.0.0.1',
      tokens: ['a', 'b'],
      latencyMs: 50,
      cutRate: 0.2,
    });
    expect(parseCloudArgs(['--done-after', '3']).doneAfterMs).toBe(3000);
    expect(parseCloudArgs([]).port).toBe(0);
  });

  it('refuses nonsense with a message naming the option', () => {
    expect(() => parseCloudArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseCloudArgs(['--cut-rate', '2'])).toThrow(/--cut-rate/);
  });
});

describe('npm run stub', () => {
  it('prints one URL line, answers getTokenInfo for --token, redacts it in the log, exits 0 on SIGTERM', async () => {
    const token = 'cli-secret-token-77';
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--token', token], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL line; stderr: ${stderr}`)), 20_000);
        child.stdout.on('data', (c: Buffer) => {
          stdout += c.toString();
          const m = /^OpenScan Cloud stub: (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      const res = await fetch(`${url}/getTokenInfo?token=${token}`, { headers: { Authorization: AUTH } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        credit: 50_000_000_000,
        limit_filesize: 2_000_000_000,
        limit_photos: 1000,
      });
      await expect.poll(() => stderr).toContain('GET /getTokenInfo?token=*** 200');
      expect(stderr).not.toContain(token);
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(stdout.trim().split('\n')).toHaveLength(1);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
