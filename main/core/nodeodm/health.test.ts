import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeOdmStub, type NodeOdmStub } from '../../../server-stub/nodeodm/index.js';
import { checkNodeHealth } from './health.js';

let stub: NodeOdmStub;
beforeAll(async () => {
  stub = await startNodeOdmStub({ token: 'tok-health-1', maxImages: 200 });
});
afterAll(() => stub.close());

describe('checkNodeHealth', () => {
  it('reports a healthy node with its limits', async () => {
    const h = await checkNodeHealth({ url: stub.url, token: 'tok-health-1' });
    expect(h).toMatchObject({
      ok: true,
      info: { version: '2.2.4', maxImages: 200 },
      auth: { loginUrl: null },
    });
  });

  it('reports a wrong token as data, without the token', async () => {
    const h = await checkNodeHealth({ url: stub.url, token: 'tok-typo-0' });
    expect(h).toMatchObject({ ok: false, error: { code: 'INVALID_TOKEN' } });
    expect(JSON.stringify(h)).not.toContain('tok-typo-0');
  });

  it('reports a bad address as data', async () => {
    const h = await checkNodeHealth({ url: 'htp:/nowhere' });
    expect(h).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
  });
});
