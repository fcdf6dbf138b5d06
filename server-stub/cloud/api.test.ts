import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FLASK_BAD_REQUEST } from './http-util.js';
import { LINK_LIFETIME_MS, startCloudStub, type CloudStub } from './index.js';
import { api, fakeClock, upload, type FakeClock } from './test-helpers.js';

const T = 'tok-private-1234';

let stub: CloudStub;
let clock: FakeClock;

beforeEach(async () => {
  clock = fakeClock();
  stub = await startCloudStub({
    now: clock.now,
    tokens: [{ token: T }, { token: 'small-tok', credit: 1000, limit_filesize: 500, limit_photos: 3 }],
  });
});
afterEach(() => stub.close());

const create = (project: string, extra: Record<string, string | number> = {}) =>
  api(stub.url, 'createProject', { token: T, project, photos: 10, parts: 2, filesize: 300, ...extra });

describe('Basic auth', () => {
  it('answers 401 {"error":"Unauthorized access"} without or with wrong credentials', async () => {
    for (const auth of [null, `Basic ${Buffer.from('openscan:wrong').toString('base64')}`, 'Bearer x']) {
      const r = await api(stub.url, 'getTokenInfo', { token: T }, auth);
      expect(r.status).toBe(401);
      expect(r.json()).toEqual({ error: 'Unauthorized access' });
    }
  });

  it('accepts openscan:free with a lower-case scheme', async () => {
    const r = await api(stub.url, 'status', {}, `basic ${Buffer.from('openscan:free').toString('base64')}`);
    expect(r.status).toBe(200);
  });
});

describe('tokens', () => {
  it('getTokenInfo gives the default credit and the seed limits', async () => {
    const r = await api(stub.url, 'getTokenInfo', { token: T });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ credit: 50_000_000_000, limit_filesize: 2_000_000_000, limit_photos: 1000 });
  });

  it('the public token exists by default', async () => {
    expect((await api(stub.url, 'getTokenInfo', { token: 'public' })).status).toBe(200);
  });

  it('unknown token is a JSON 400, missing token the Flask plain-text 400', async () => {
    const unknown = await api(stub.url, 'getTokenInfo', { token: 'nope-nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.json().error).toMatch(/token/i);
    const missing = await api(stub.url, 'getTokenInfo');
    expect(missing.status).toBe(400);
    expect(missing.text).toBe(FLASK_BAD_REQUEST);
  });

  it('requestToken mails a new private token that then works', async () => {
    const r = await api(stub.url, 'requestToken', {
      mail: 'ada@example.org',
      forename: 'Ada',
      lastname: 'L',
    });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({});
    expect(stub.state.sentMails).toHaveLength(1);
    const mail = stub.state.sentMails[0]!;
    expect(mail.to).toBe('ada@example.org');
    expect((await api(stub.url, 'getTokenInfo', { token: mail.token })).status).toBe(200);
  });

  it('requestToken refuses a missing or invalid field', async () => {
    expect((await api(stub.url, 'requestToken', { mail: 'ada@example.org', forename: 'Ada' })).status).toBe(
      400,
    );
    expect(
      (await api(stub.url, 'requestToken', { mail: 'not-a-mail', forename: 'A', lastname: 'L' })).status,
    ).toBe(400);
    expect(stub.state.sentMails).toHaveLength(0);
  });
});

describe('createProject', () => {
  it('returns one link per part and deducts the filesize from the credit', async () => {
    const r = await api(stub.url, 'createProject', {
      token: T,
      project: 'p1',
      photos: 10,
      parts: 3,
      filesize: 450,
    });
    expect(r.status).toBe(200);
    const body = r.json();
    expect(body.status).toBe('created');
    expect(body.ulink).toHaveLength(3);
    expect(new Set(body.ulink as string[]).size).toBe(3);
    for (const u of body.ulink as string[]) expect(u.startsWith(`${stub.url}/upload/`)).toBe(true);
    expect(body.credit).toBe(50_000_000_000 - 450);
    expect((await api(stub.url, 'getTokenInfo', { token: T })).json().credit).toBe(50_000_000_000 - 450);
  });

  it('a name can be used once, even by another token; the attempt is counted', async () => {
    expect((await create('dup')).status).toBe(200);
    const again = await create('dup');
    expect(again.status).toBe(400);
    expect(again.json().error).toMatch(/already in use/);
    const other = await api(stub.url, 'createProject', {
      token: 'public',
      project: 'dup',
      photos: 1,
      parts: 1,
      filesize: 10,
    });
    expect(other.status).toBe(400);
    expect(stub.state.projects.get('dup')?.createCount).toBe(3);
    // Only the first one was charged.
    expect(stub.state.tokens.get(T)?.credit).toBe(50_000_000_000 - 300);
  });

  it.each([
    ['too many photos', { token: 'small-tok', photos: 4, filesize: 100, parts: 1 }, /photos/],
    [
      'file over limit_filesize',
      { token: 'small-tok', photos: 1, filesize: 501, parts: 1 },
      /limit_filesize/,
    ],
    ['zero parts', { photos: 1, filesize: 10, parts: 0 }, /parts/],
    ['too few parts for the size', { photos: 1, filesize: 400_000_001, parts: 2 }, /Too few parts/],
    ['non-integer photos', { photos: '1.5' }, /photos/],
    ['negative filesize', { filesize: '-3' }, /filesize/],
    ['exponent notation', { filesize: '1e3' }, /filesize/],
    ['unknown token', { token: 'who-is-this' }, /Token/],
  ])('refuses %s with a JSON 400 naming the problem', async (_name, params, pattern) => {
    const r = await create('limits', params);
    expect(r.status).toBe(400);
    expect(r.json().error).toMatch(pattern);
    expect(stub.state.projects.has('limits')).toBe(false);
  });

  it('refuses a filesize above the remaining credit and does not charge', async () => {
    stub.state.tokens.get('small-tok')!.limit_filesize = 5000;
    const r = await create('broke', { token: 'small-tok', photos: 1, parts: 1, filesize: 1001 });
    expect(r.status).toBe(400);
    expect(r.json().error).toMatch(/credit/);
    expect(stub.state.tokens.get('small-tok')?.credit).toBe(1000);
  });

  it('a missing parameter gives the Flask plain-text 400', async () => {
    const r = await api(stub.url, 'createProject', { token: T, project: 'x', photos: 1, parts: 1 });
    expect(r.status).toBe(400);
    expect(r.text).toBe(FLASK_BAD_REQUEST);
  });
});

describe('startProject', () => {
  it('names the missing parts (1-based) and counts the attempt', async () => {
    const body = (await create('s1', { parts: 3 })).json();
    const links = body.ulink as string[];
    expect((await upload(links[1]!, Buffer.from('part two'))).status).toBe(200);
    const r = await api(stub.url, 'startProject', { token: T, project: 's1' });
    expect(r.status).toBe(400);
    expect(r.json().error).toMatch(/Missing parts 1, 3 of 3/);
    expect(stub.state.projects.get('s1')?.startCount).toBe(1);
    expect(stub.state.projects.get('s1')?.status).toBe('created');
  });

  it('starts once all parts are in, and refuses a second start', async () => {
    const links = (await create('s2', { parts: 1 })).json().ulink as string[];
    await upload(links[0]!, Buffer.from('x'));
    const r = await api(stub.url, 'startProject', { token: T, project: 's2' });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ status: 'initialized' });
    const again = await api(stub.url, 'startProject', { token: T, project: 's2' });
    expect(again.status).toBe(400);
    expect(again.json().error).toMatch(/already started/);
    expect(stub.state.projects.get('s2')?.startCount).toBe(2);
  });

  it('unknown project or token is a 400', async () => {
    expect((await api(stub.url, 'startProject', { token: T, project: 'ghost' })).status).toBe(400);
    expect((await api(stub.url, 'startProject', { token: 'ghost-token', project: 'ghost' })).status).toBe(
      400,
    );
  });
});

describe('getProjectInfo', () => {
  it('unknown project is 401 {"error":"Project doesn\'t exist"}, told apart from bad auth by the body', async () => {
    const r = await api(stub.url, 'getProjectInfo', { token: T, project: 'ghost' });
    expect(r.status).toBe(401);
    expect(r.json()).toEqual({ error: "Project doesn't exist" });
  });

  it('a project of another token does not exist for this one', async () => {
    await create('mine');
    const r = await api(stub.url, 'getProjectInfo', { token: 'public', project: 'mine' });
    expect(r.status).toBe(401);
  });

  it('reports created with the links and no dlink', async () => {
    const links = (await create('i1')).json().ulink;
    const r = await api(stub.url, 'getProjectInfo', { token: T, project: 'i1' });
    expect(r.json()).toEqual({ status: 'created', ulink: links, dlink: null });
  });

  it('re-issues expired links for a created project, valid for 4 more hours', async () => {
    const old = (await create('exp', { parts: 2 })).json().ulink as string[];
    clock.advance(LINK_LIFETIME_MS + 1);
    expect((await upload(old[0]!, Buffer.from('late'))).status).toBe(410);
    const fresh = (await api(stub.url, 'getProjectInfo', { token: T, project: 'exp' })).json()
      .ulink as string[];
    expect(fresh).toHaveLength(2);
    expect(fresh[0]).not.toBe(old[0]);
    clock.advance(LINK_LIFETIME_MS - 1000);
    expect((await upload(fresh[0]!, Buffer.from('on time'))).status).toBe(200);
    // A link that has not expired is kept as it is.
    const again = (await api(stub.url, 'getProjectInfo', { token: T, project: 'exp' })).json()
      .ulink as string[];
    expect(again).toEqual(fresh);
  });
});

describe('resetProject', () => {
  it('drops the parts, returns to created with fresh links; the old links are dead', async () => {
    const links = (await create('r1', { parts: 1 })).json().ulink as string[];
    await upload(links[0]!, Buffer.from('abc'));
    expect(stub.state.projects.get('r1')?.received.size).toBe(1);
    const r = await api(stub.url, 'resetProject', { token: T, project: 'r1' });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({});
    const p = stub.state.projects.get('r1')!;
    expect(p.received.size).toBe(0);
    expect(p.status).toBe('created');
    const info = (await api(stub.url, 'getProjectInfo', { token: T, project: 'r1' })).json();
    expect(info.ulink).not.toEqual(links);
    expect((await upload(links[0]!, Buffer.from('abc'))).status).toBe(404);
    expect((await upload((info.ulink as string[])[0]!, Buffer.from('abc'))).status).toBe(200);
  });

  it('unknown project is a 400', async () => {
    expect((await api(stub.url, 'resetProject', { token: T, project: 'ghost' })).status).toBe(400);
  });
});

describe('queue and status', () => {
  it('getQueueEstimate works without a token and can be set', async () => {
    expect((await api(stub.url, 'getQueueEstimate')).json()).toEqual({
      queue_length: 0,
      estimated_seconds: 0,
    });
    stub.setQueue(7, 3600);
    expect((await api(stub.url, 'getQueueEstimate', { token: T })).json()).toEqual({
      queue_length: 7,
      estimated_seconds: 3600,
    });
  });

  it('status is online and can be switched to maintenance', async () => {
    expect((await api(stub.url, 'status')).json()).toEqual({ status: 'online' });
    stub.setStatus('maintenance');
    expect((await api(stub.url, 'status')).json()).toEqual({ status: 'maintenance' });
  });

  it('unknown endpoint is a 404 page; the request log holds endpoints, never tokens', async () => {
    const r = await api(stub.url, 'deleteEverything', { token: T });
    expect(r.status).toBe(404);
    await api(stub.url, 'getTokenInfo', { token: T });
    const last = stub.state.requests.at(-1)!;
    expect(last).toMatchObject({ endpoint: 'getTokenInfo', status: 200, method: 'GET' });
    expect(JSON.stringify(stub.state.requests)).not.toContain(T);
  });
});
