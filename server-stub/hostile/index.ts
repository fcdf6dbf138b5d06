/**
 * A hostile OpenScan Cloud: a small proxy in front of the faithful stub (server-stub/cloud) that turns
 * one behaviour bad at a time — each case of issue 13. Everything it does not change is the stub's, so
 * a job runs the real flow up to the point where the server turns on it.
 *
 * Links in replies (upload links, the download link) are rewritten to point at this proxy, so it sees
 * and can spoil every request of the job.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { startCloudStub, type CloudStub } from '../cloud/index.js';
import type { TokenSpec } from '../cloud/types.js';

export type HostileCase =
  /** Every API call answers 500. */
  | 'api-500'
  /** Every upload POST answers 500. */
  | 'upload-500'
  /** Upload POSTs take the body and never answer. */
  | 'upload-silent'
  /** The project status carries OSC/CSI sequences and a forged "error:" line. */
  | 'status-escapes'
  /** The download link redirects in a loop. */
  | 'download-redirect-loop'
  /** The download link redirects to file:///etc/passwd. */
  | 'download-file-redirect'
  /** The download link answers 404. */
  | 'download-404'
  /** The result is served without Content-Length and never ends. */
  | 'download-endless'
  /** The result zip has 8 central-directory entries sharing one data block. */
  | 'overlapping-zip'
  /** The cloud forgets the project after create: upload links 404, getProjectInfo 401. */
  | 'forgets-project'
  /** Refusals echo the token URL-encoded. */
  | 'echo-token';

export interface HostileServer {
  url: string;
  stub: CloudStub;
  /** Requests seen by path kind. */
  counts: { api: number; upload: number; download: number };
  setCase(c: HostileCase | undefined): void;
  close(): Promise<void>;
}

const ESCAPES =
  'processing\u001b]0;owned\u0007\u001b[2J\u001b[H\r\nerror: your token was sent to evil.example';

/** A stored zip whose central directory names one data block 8 times. */
export function overlappingZip(blockBytes = 4096): Buffer {
  const data = Buffer.alloc(blockBytes, 0x41);
  const name = Buffer.from('model.obj');
  const crc = crc32(data);
  const lh = Buffer.alloc(30);
  lh.writeUInt32LE(0x04034b50, 0);
  lh.writeUInt16LE(20, 4);
  lh.writeUInt32LE(crc, 14);
  lh.writeUInt32LE(data.length, 18);
  lh.writeUInt32LE(data.length, 22);
  lh.writeUInt16LE(name.length, 26);
  const local = Buffer.concat([lh, name, data]);
  const cds = Array.from({ length: 8 }, (_, i) => {
    const n = Buffer.from(`model${i}.obj`);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(data.length, 20);
    ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(n.length, 28);
    return Buffer.concat([ch, n]);
  });
  const cd = Buffer.concat(cds);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(8, 8);
  end.writeUInt16LE(8, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(local.length, 16);
  return Buffer.concat([local, cd, end]);
}

export async function startHostileServer(opts: {
  tokens: TokenSpec[];
  schedule?: { startedAfterMs: number; doneAfterMs: number };
}): Promise<HostileServer> {
  const stub = await startCloudStub({
    tokens: opts.tokens,
    schedule: opts.schedule ?? { startedAfterMs: 20, doneAfterMs: 50 },
    dlinkStyle: 'plain',
  });
  let mode: HostileCase | undefined;
  let self = '';
  const counts = { api: 0, upload: 0, download: 0 };
  const created = new Set<string>();
  let realDlink: URL | undefined;

  const forward = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    rewrite?: (body: string) => string,
  ) => {
    const target = new URL(req.url ?? '/', stub.url);
    const up = http.request(target, { method: req.method, headers: req.headers }, (r) => {
      if (!rewrite) {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => {
        const body = rewrite(Buffer.concat(chunks).toString('utf8'));
        const headers = { ...r.headers, 'content-length': String(Buffer.byteLength(body)) };
        res.writeHead(r.statusCode ?? 502, headers).end(body);
      });
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  };
  // Links point at the stub: make them point here, and the download link at our own /result.
  const relink = (body: string): string => {
    let out = body.split(stub.url).join(self);
    try {
      const j = JSON.parse(out) as Record<string, unknown>;
      // Once processing has begun, every status is the hostile one (and no result is offered), so
      // the case does not depend on how fast the stub finishes.
      if (mode === 'status-escapes' && typeof j.status === 'string' && j.status !== 'created') {
        j.status = ESCAPES;
        j.dlink = null;
      }
      if (typeof j.dlink === 'string' && j.dlink) {
        realDlink = new URL(j.dlink.split(self).join(stub.url));
        j.dlink = `${self}/result`;
      }
      out = JSON.stringify(j);
    } catch {
      /* not JSON: leave it */
    }
    return out;
  };

  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const token = u.searchParams.get('token') ?? '';
    if (u.pathname === '/result' || u.pathname.startsWith('/hop')) {
      counts.download++;
      if (mode === 'download-redirect-loop') {
        const next = u.pathname === '/hop-a' ? '/hop-b' : '/hop-a';
        return void res.writeHead(302, { Location: next }).end();
      }
      if (mode === 'download-file-redirect')
        return void res.writeHead(302, { Location: 'file:///etc/passwd' }).end();
      if (mode === 'download-404')
        return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('gone');
      if (mode === 'download-endless') {
        res.writeHead(200, { 'Content-Type': 'application/zip' });
        const chunk = Buffer.alloc(256 * 1024, 0x42);
        const pump = (): void => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
        return;
      }
      if (mode === 'overlapping-zip') {
        const zip = overlappingZip();
        return void res
          .writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': zip.length })
          .end(zip);
      }
      // Not hostile: the stub's own result.
      const real = realDlink;
      if (!real) return void res.writeHead(404).end();
      // The share link's page is HTML; ?dl=1 is the file itself (see cloud/download-link.ts).
      return void forward(Object.assign(req, { url: `${real.pathname}?dl=1` }), res);
    }
    if (req.method === 'POST') {
      counts.upload++;
      if (mode === 'upload-500') {
        req.resume();
        return void req.on('end', () =>
          res.writeHead(500, { 'Content-Type': 'text/html' }).end('<h1>boom</h1>'),
        );
      }
      if (mode === 'upload-silent') return void req.resume(); // takes the body, never answers
      if (mode === 'forgets-project') {
        req.resume();
        return void req.on('end', () => res.writeHead(404).end('{"error":"not found"}'));
      }
      return void forward(req, res);
    }
    counts.api++;
    const endpoint = u.pathname.split('/').pop() ?? '';
    if (mode === 'api-500')
      return void res.writeHead(500, { 'Content-Type': 'text/html' }).end('<title>500</title>');
    if (mode === 'echo-token' && endpoint === 'getTokenInfo')
      return void res
        .writeHead(400, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ error: `Token ${encodeURIComponent(token)} doesn't exist` }));
    if (mode === 'forgets-project') {
      const project = u.searchParams.get('project') ?? '';
      if (endpoint === 'createProject') created.add(project);
      else if (endpoint === 'getProjectInfo' && created.has(project))
        return void res
          .writeHead(401, { 'Content-Type': 'application/json' })
          .end('{"error":"Project doesn\'t exist"}');
    }
    forward(req, res, relink);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: self,
    stub,
    counts,
    setCase: (c) => {
      mode = c;
      counts.api = counts.upload = counts.download = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await stub.close();
    },
  };
}
