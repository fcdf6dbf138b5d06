/**
 * The same clocks and messages over HTTPS. The key pair below is a throwaway test fixture
 * (self-signed for 127.0.0.1, valid for 100 years), not a secret.
 */
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError } from '../errors.js';
import { createCloudClient } from './client.js';

const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgJxWzLYv5XnHj+O4+
mbb+CkgDz8Rfpfoq4uHu33bqPhmhRANCAASGgesDqkoSUrXIaS+DARv4YH52/tHh
gZv7B7dyl6BZqxWcIQbv0N9FBguxRe/1E5z8QST/fcbeaIaoLrlPSNcx
-----END PRIVATE KEY-----`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBkDCCATagAwIBAgIUbeGlnVPijIVLNfZmdcnJFzqX0uEwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyMzE5MzgyOVoYDzIxMjYxMDMw
MTkzODI5WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASGgesDqkoSUrXIaS+DARv4YH52/tHhgZv7B7dyl6BZqxWcIQbv0N9F
BguxRe/1E5z8QST/fcbeaIaoLrlPSNcxo2QwYjAdBgNVHQ4EFgQUTdsVOgoJcSIS
TvoImtr0lKSa3SIwHwYDVR0jBBgwFoAUTdsVOgoJcSISTvoImtr0lKSa3SIwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC
IB9gXNSlHY/f8iGOfGgRTqf9Hdn1knmFJ7/Qn6h6an4cAiEA7Umcx4Sfj+s6k1Us
eCPEh5cUNLMXnEd7i+TWCu06nwg=
-----END CERTIFICATE-----`;

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

let tcpConnections = 0;
async function tlsServer(handler: http.RequestListener): Promise<string> {
  tcpConnections = 0;
  const server = https.createServer({ key: KEY, cert: CERT }, handler);
  server.on('connection', () => tcpConnections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('https', () => {
  it('an untrusted certificate is a NetworkError about the secure connection, never silently accepted', async () => {
    let served = 0;
    const url = await tlsServer((_req, res) => {
      served++;
      res.end('{"status":"online"}');
    });
    const c = createCloudClient({ baseUrl: url, retries: 3, sleep: async () => {} });
    closers.push(() => c.close());
    const e = await c.status().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NetworkError);
    expect((e as NetworkError).message).toMatch(/secure connection to 127\.0\.0\.1:\d+ failed \(.*CERT.*\)/);
    expect((e as NetworkError).hint).toMatch(/http vs https/);
    expect((e as NetworkError).retryable).toBe(false);
    expect(served).toBe(0);
    expect(tcpConnections).toBe(1); // not retried: a certificate does not fix itself
  });

  it("with the server's CA added, calls succeed over TLS; a silent TLS server hits the response timeout", async () => {
    const ok = await tlsServer((_req, res) => res.end('{"status":"online"}'));
    const c = createCloudClient({ baseUrl: ok, retries: 0, ca: CERT });
    closers.push(() => c.close());
    expect(await c.status()).toEqual({ online: true, raw: 'online' });

    const silent = await tlsServer(() => {});
    const c2 = createCloudClient({ baseUrl: silent, retries: 0, responseTimeoutMs: 300, ca: CERT });
    closers.push(() => c2.close());
    const t0 = Date.now();
    const e = await c2.status().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NetworkError);
    expect((e as NetworkError).code).toBe('TIMEOUT');
    expect((e as NetworkError).message).toMatch(/sent no reply for 0\.3 s/);
    expect(Date.now() - t0).toBeLessThan(2500);
  });
});
