import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureBuilds, pinManifest } from './colmap-checksums.js';
import { unpinnedPlatforms, type ColmapManifest } from './fetch-colmap.js';

let server: http.Server;
let base: string;
const bodies: Record<string, Buffer> = {
  '/win.zip': Buffer.from('pretend windows build '.repeat(1000)),
  '/linux.zip': Buffer.from('pretend linux build'),
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const body = bodies[req.url ?? ''];
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Length': body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('COLMAP checksums', () => {
  it('a manifest with a listed build lacking its sha256 is unpinned; unlisted platforms do not count', () => {
    const m: ColmapManifest = { win: { url: 'https://x.example/a.zip', sha256: '', stripComponents: 1 } };
    expect(unpinnedPlatforms(m)).toEqual(['win']);
    expect(unpinnedPlatforms({ ...m, win: { ...m.win!, sha256: 'a'.repeat(64) } })).toEqual([]);
    expect(unpinnedPlatforms({})).toEqual([]);
  });

  it('downloads every listed build, measures it, and pins exactly those values', async () => {
    const manifest: ColmapManifest = {
      $comment: 'kept',
      win: { url: `${base}/win.zip`, sha256: '', stripComponents: 1 },
      linux: { url: `${base}/linux.zip`, sha256: '', stripComponents: 0 },
    };
    const measured = await measureBuilds(manifest);
    expect(measured).toEqual([
      { platform: 'win', url: `${base}/win.zip`, sha256: sha(bodies['/win.zip']!), bytes: 22_000 },
      { platform: 'linux', url: `${base}/linux.zip`, sha256: sha(bodies['/linux.zip']!), bytes: 19 },
    ]);
    const pinned = pinManifest(manifest, measured);
    expect(pinned.win!.sha256).toBe(sha(bodies['/win.zip']!));
    expect(pinned.$comment).toBe('kept');
    expect(unpinnedPlatforms(pinned)).toEqual([]);
    expect(manifest.win!.sha256).toBe('');
    expect(() => pinManifest({ win: { ...manifest.win!, url: `${base}/other.zip` } }, measured)).toThrow(
      /no longer lists/,
    );
  });
});
