/**
 * Test helper: the ClusterODM shape in miniature. One URL in front of several NodeODM nodes; new
 * tasks go round-robin, and every later call about a task goes to the node that holds it (pinned by
 * uuid). It can also cut the first download after some bytes, to exercise Range resume.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ClusterProxy {
  url: string;
  /** uuid → index of the node that holds it. */
  pins: Map<string, number>;
  /** Range headers seen on downloads, in order ('' for none). */
  downloadRanges: string[];
  close(): Promise<void>;
}

async function readAll(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

export async function startClusterProxy(
  nodes: string[],
  opts: { cutFirstDownloadAfter?: number } = {},
): Promise<ClusterProxy> {
  const pins = new Map<string, number>();
  const downloadRanges: string[] = [];
  let next = 0;
  let cutPending = opts.cutFirstDownloadAfter !== undefined;

  const forward = (
    node: number,
    req: http.IncomingMessage,
    body: Buffer | undefined,
  ): Promise<http.IncomingMessage> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: new URL(nodes[node] as string).host };
      const out = http.request(`${nodes[node]}${req.url}`, { method: req.method, headers }, resolve);
      out.on('error', reject);
      if (body) out.end(body);
      else req.pipe(out);
    });

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://proxy');
      const p = url.pathname;
      let node = 0;
      let body: Buffer | undefined;
      const byPath = /^\/task\/(?:new\/(?:upload|commit)\/)?([0-9a-f-]{36})(?:\/|$)/.exec(p);
      if (p === '/task/new/init') node = next++ % nodes.length;
      else if (byPath) node = pins.get(byPath[1] as string) ?? -1;
      else if (/^\/task\/(cancel|remove|restart)$/.test(p)) {
        body = await readAll(req);
        node = pins.get(new URLSearchParams(body.toString()).get('uuid') ?? '') ?? -1;
      } else if (p === '/task/list') {
        const lists = await Promise.all(nodes.map((_n, i) => forward(i, req, Buffer.alloc(0)).then(readAll)));
        const merged = lists.flatMap((l) => JSON.parse(l.toString()) as unknown[]);
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(merged));
      }
      if (node < 0) {
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: 'Task not found on any node' }));
      }
      const up = await forward(node, req, body);
      if (p === '/task/new/init') {
        const reply = await readAll(up);
        const uuid = (JSON.parse(reply.toString()) as { uuid?: string }).uuid;
        if (uuid) pins.set(uuid, node);
        res.writeHead(up.statusCode ?? 200, up.headers);
        return res.end(reply);
      }
      if (p.includes('/download/')) {
        downloadRanges.push(String(req.headers.range ?? ''));
        if (cutPending && up.statusCode === 200) {
          cutPending = false;
          res.writeHead(200, up.headers);
          let sent = 0;
          up.on('data', (c: Buffer) => {
            sent += c.length;
            if (sent > (opts.cutFirstDownloadAfter ?? 0)) {
              up.destroy();
              res.destroy();
            } else res.write(c);
          });
          return;
        }
      }
      res.writeHead(up.statusCode ?? 200, up.headers);
      up.pipe(res);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pins,
    downloadRanges,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
