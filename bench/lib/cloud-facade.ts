/**
 * The cloud's API for the CLI bench, minus everything but what an upload needs: token info, create
 * (upload links pointing at the hashing sink, so the CLI and the raw stream send to the same server),
 * start, project info, status. Keeps nothing on disk: the sink hashes and drops the bytes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CloudFacade {
  url: string;
  close(): Promise<void>;
}

export async function startCloudFacade(sinkBase: string): Promise<CloudFacade> {
  const parts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://facade.invalid');
    const q = u.searchParams;
    const project = q.get('project') ?? '';
    const links = (n: number) => Array.from({ length: n }, (_, i) => `${sinkBase}/${project}-p${i + 1}`);
    let body: unknown;
    switch (u.pathname.slice(1)) {
      case 'getTokenInfo':
        body = { credit: 1e13, limit_filesize: 1e12, limit_photos: 1e6 };
        break;
      case 'createProject':
        parts.set(project, Number(q.get('parts')));
        body = { status: 'created', ulink: links(Number(q.get('parts'))), credit: 1e13 };
        break;
      case 'startProject':
        body = { status: 'initialized' };
        break;
      case 'getProjectInfo':
        body = { status: 'processing started', ulink: links(parts.get(project) ?? 0), dlink: null };
        break;
      case 'status':
        body = { status: 'online' };
        break;
      case 'getQueueEstimate':
        body = { queue_length: 0, estimated_seconds: 0 };
        break;
      default:
        res.writeHead(404).end();
        return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
