/**
 * One GET over node:http(s) with keep-alive agents and two separate clocks:
 * - a connect timeout on every new socket (DNS + TCP), so a silent or black-holed host fails in
 *   seconds — the seeds' uploader hung for minutes right here;
 * - a response timeout that starts once connected and resets on every byte (idle), so a slow but
 *   alive server is not cut while a silent one is.
 * Every failure leaves this file as a ScanBridgeError whose message names host:port only; the socket
 * error (whose request carries the full URL with the token and the auth header) never escapes.
 * Plain node:http, not axios: a GET with a query and a capped text reply is all this API needs, and
 * axios (with form-data and mime-db) cost every CLI command about 10 MB of memory at start-up.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { BadResponseError, CancelledError, NetworkError, ScanBridgeError } from '../errors.js';

const CONNECT_TIMEOUT = 'SB_CONNECT_TIMEOUT';
const RESPONSE_TIMEOUT = 'SB_RESPONSE_TIMEOUT';
const TOO_LARGE = 'SB_TOO_LARGE';

/** A reply of any status; the caller decides what it means. */
export interface RawReply {
  status: number;
  body: string;
  contentType: string;
  /** Seconds or an HTTP date, when the server sent one (429/503). */
  retryAfter?: string;
  location?: string;
}

export interface Transport {
  get(url: string, params: Record<string, string>, opts: { signal?: AbortSignal }): Promise<RawReply>;
  close(): void;
}

export interface TransportOptions {
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  auth: { username: string; password: string };
  /** Extra trusted CA certificates (PEM) for https, added to Node's own list. */
  ca?: string;
  /** Replies above this are refused: the API only ever sends a few hundred bytes. */
  maxBodyBytes?: number;
}

function timeoutError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** Adds the connect clock to new sockets and the idle response clock to every request. */
function instrument<A extends http.Agent>(agent: A, o: TransportOptions): A {
  const createConnection = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const socket = createConnection(options, callback) as Duplex & { connecting?: boolean };
    if (socket?.connecting) {
      const timer = setTimeout(
        () => socket.destroy(timeoutError(CONNECT_TIMEOUT, 'connect timeout')),
        o.connectTimeoutMs,
      );
      const clear = () => clearTimeout(timer);
      socket.once('connect', clear);
      socket.once('close', clear);
    }
    return socket;
  };
  // addRequest is how every ClientRequest reaches the agent, pooled socket or new.
  const agentWithAdd = agent as A & { addRequest?(req: http.ClientRequest, options: unknown): void };
  // Undocumented but present in every Node since 0.x; without it the wall-clock cap still bounds a call.
  if (typeof agentWithAdd.addRequest !== 'function') return agent;
  const addRequest = agentWithAdd.addRequest.bind(agent);
  agentWithAdd.addRequest = (req, options) => {
    req.once('socket', (socket: Socket) => {
      // Our own timer, not socket.setTimeout: the agent's keep-alive handling resets that one.
      const arm = () => {
        let timer: NodeJS.Timeout | undefined;
        const reset = () => {
          clearTimeout(timer);
          timer = setTimeout(
            () => req.destroy(timeoutError(RESPONSE_TIMEOUT, 'response timeout')),
            o.responseTimeoutMs,
          );
        };
        const stop = () => {
          clearTimeout(timer);
          socket.off('data', reset);
        };
        reset();
        socket.on('data', reset);
        req.once('response', (res: http.IncomingMessage) => res.once('end', stop).once('close', stop));
        req.once('close', stop);
      };
      if (socket.connecting) socket.once('connect', arm);
      else arm();
    });
    addRequest(req, options);
  };
  return agent;
}

/** The first `code` found along an error's cause chain (wrapped errors keep the socket's). */
function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const c = cur as { code?: unknown; cause?: unknown; message?: unknown };
    if (c.code === CONNECT_TIMEOUT || c.code === RESPONSE_TIMEOUT) return c.code;
    if (typeof c.cause === 'object' && c.cause && (c.cause as { code?: unknown }).code) {
      cur = c.cause;
      continue;
    }
    if (typeof c.code === 'string') return c.code;
    cur = c.cause;
  }
  return undefined;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** A sentence a person can act on, naming host:port only (never the path or query). */
export function describeNetworkFailure(e: unknown, where: URL, o: TransportOptions): NetworkError {
  const host = where.host;
  const code = errorCode(e) ?? 'unknown';
  switch (code) {
    case CONNECT_TIMEOUT:
      return new NetworkError(`Could not connect to ${host} within ${seconds(o.connectTimeoutMs)}.`, {
        code: 'TIMEOUT',
        hint: 'Check the server address and port, that this computer is online, and that no firewall or proxy blocks the connection.',
        detail: { detail: 'connect', params: { server: host, seconds: o.connectTimeoutMs / 1000 } },
      });
    case RESPONSE_TIMEOUT:
      return new NetworkError(
        `${host} accepted the connection but sent no reply for ${seconds(o.responseTimeoutMs)}.`,
        {
          code: 'TIMEOUT',
          hint: 'The server may be overloaded or a proxy may be holding the request. Try again in a few minutes.',
          detail: { detail: 'reply', params: { server: host, seconds: o.responseTimeoutMs / 1000 } },
        },
      );
    case 'ECONNREFUSED':
      return new NetworkError(`Nothing is accepting connections at ${host} (connection refused).`, {
        hint: 'Check the server address and port; the server may be down.',
        detail: { detail: 'refused', params: { server: host } },
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NODATA':
      return new NetworkError(`The name "${where.hostname}" could not be resolved (DNS).`, {
        hint: 'Check the server address for typos and that this computer is online.',
        detail: { detail: 'dns', params: { server: where.hostname } },
      });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return new NetworkError(`${host} cannot be reached from this network (${code}).`, {
        hint: 'Check that this computer is online (Wi-Fi, cable, VPN) and that no firewall blocks the connection.',
        detail: { detail: 'unreachable', params: { server: host } },
      });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return new NetworkError(`The connection to ${host} was cut before the reply arrived.`, {
        hint: 'A flaky network or a proxy dropped it. Trying again usually works.',
        detail: { detail: 'cut', params: { server: host } },
      });
    default:
      if (/CERT|SSL|TLS/i.test(code)) {
        // A certificate does not fix itself in seconds: asking again only delays the message.
        return new NetworkError(`The secure connection to ${host} failed (${code}).`, {
          hint: 'Check the address (http vs https). A proxy or antivirus may be intercepting encrypted traffic.',
          retryable: false,
          detail: { detail: 'tls', params: { server: host } },
        });
      }
      return new NetworkError(`Network error talking to ${host} (${code}).`, {
        hint: 'Check that this computer is online and that the server address is right.',
        detail: { detail: 'other', params: { server: host } },
      });
  }
}

export function createTransport(o: TransportOptions): Transport {
  const agentOpts = {
    keepAlive: true,
    keepAliveMsecs: 10_000,
    maxSockets: 16,
    maxFreeSockets: 4,
    timeout: 60_000,
  };
  const httpAgent = instrument(new http.Agent(agentOpts), o);
  // Node's `ca` replaces the default roots, so the extra CA is appended to them, not swapped in.
  const ca = o.ca ? [...tls.rootCertificates, o.ca] : undefined;
  const httpsAgent = instrument(new https.Agent({ ...agentOpts, ...(ca ? { ca } : {}) }), o);
  const authHeader = `Basic ${Buffer.from(`${o.auth.username}:${o.auth.password}`).toString('base64')}`;
  const maxBody = o.maxBodyBytes ?? 1_000_000;

  /**
   * One request, the reply read as text. A redirect on this API means a captive portal or a wrong
   * address; following it would also leave our agents (and their clocks) behind: it is returned (with
   * its Location) for the caller to report, like every other status.
   */
  const request = (where: URL, signal: AbortSignal): Promise<RawReply> =>
    new Promise<RawReply>((resolve, reject) => {
      const mod = where.protocol === 'https:' ? https : http;
      const req = mod.request(where, {
        method: 'GET',
        agent: where.protocol === 'https:' ? httpsAgent : httpAgent,
        headers: { Accept: 'application/json', Authorization: authHeader },
        signal,
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBody) {
            req.destroy(Object.assign(new Error('reply too large'), { code: TOO_LARGE }));
            return;
          }
          chunks.push(c);
        });
        res.on('error', reject);
        // A socket cut mid-reply closes the message before its end: never a reply, whatever came.
        res.on('close', () => {
          if (!res.complete) reject(Object.assign(new Error('reply cut'), { code: 'ECONNRESET' }));
        });
        res.on('end', () => {
          const header = (name: string): string | undefined => {
            const v = res.headers[name];
            return typeof v === 'string' ? v : undefined;
          };
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            contentType: header('content-type') ?? '',
            retryAfter: header('retry-after'),
            location: header('location'),
          });
        });
      });
      req.end();
    });

  return {
    async get(url, params, { signal }) {
      const where = new URL(url);
      if (signal?.aborted) throw new CancelledError();
      // The idle clock resets on every byte, so a server trickling bytes could hold a call forever;
      // this wall-clock cap ends that while leaving a slow-but-honest reply plenty of room.
      const capMs = o.connectTimeoutMs + 2 * o.responseTimeoutMs;
      const cap = AbortSignal.timeout(capMs);
      for (const [k, v] of Object.entries(params)) where.searchParams.append(k, v);
      try {
        return await request(where, signal ? AbortSignal.any([signal, cap]) : cap);
      } catch (e) {
        if (signal?.aborted) throw new CancelledError();
        if (e instanceof ScanBridgeError) throw e;
        if (cap.aborted) {
          throw new NetworkError(`${where.host} did not finish its reply within ${seconds(capMs)}.`, {
            code: 'TIMEOUT',
            hint: 'The connection is very slow or a proxy is holding the reply. Try again later.',
            detail: { detail: 'stalled', params: { server: where.host } },
          });
        }
        if ((e as { code?: unknown }).code === TOO_LARGE) {
          throw new BadResponseError(
            `${where.host} sent an unexpectedly large reply; it does not look like the OpenScan Cloud API.`,
            'Check the server address.',
            { detail: { detail: 'tooLarge', params: { server: where.host } } },
          );
        }
        throw describeNetworkFailure(e, where, o);
      }
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
