import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ChaosProxy } from '../../chaos/tcp-chaos.ts';
import { GraphFake } from '../../fakes/graph/graph-fake.ts';
import { startFakeHttpPortal } from '../../fakes/portal/http-receiver.ts';

/** The pieces the crash-point runner (npm run chaos) builds on: listing lag and the TCP proxy. */

const TOKEN = 'EAA-chaos-tools-page-token';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function graph(): Promise<GraphFake> {
  const g = new GraphFake();
  await g.start();
  g.addPage('111', 'Alcaldía').addToken(TOKEN, { kind: 'PAGE', id: '111', name: 'Alcaldía' });
  cleanups.push(() => g.stop());
  return g;
}

function call(base: string, method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, base);
    const req = request(u, { method, headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('chaos tools', () => {
  it('Graph fake: a new post is readable by id at once but stays out of published_posts for listingLagMs', async () => {
    const g = await graph();
    g.listingLagMs = 60_000;
    const created = JSON.parse((await call(g.url, 'POST', '/v21.0/111/feed', 'message=Hola')).body) as { id: string };
    expect((await call(g.url, 'GET', `/v21.0/${created.id}`)).status).toBe(200);
    expect(JSON.parse((await call(g.url, 'GET', '/v21.0/111/published_posts')).body).data).toEqual([]);
    g.listingLagMs = 0;
    expect(JSON.parse((await call(g.url, 'GET', '/v21.0/111/published_posts')).body).data.map((p: { id: string }) => p.id)).toEqual([created.id]);
  });

  it('HTTP portal fake: the slug lookup does not find an item younger than listingLagMs', async () => {
    const portal = await startFakeHttpPortal('secret', { listingLagMs: 60_000 });
    cleanups.push(() => portal.close());
    portal.items.push({ id: '1000', url: `${portal.url}/x`, doc: { slug: 'cierre-vial', attachments: [] }, files: {}, createdAt: Date.now() });
    portal.items.push({ id: '1001', url: `${portal.url}/y`, doc: { slug: 'feria', attachments: [] }, files: {}, createdAt: Date.now() - 61_000 });
    const lookup = async (slug: string) => {
      const query = `slug=${slug}`;
      const ts = String(Math.floor(Date.now() / 1000));
      const sig = `sha256=${createHmac('sha256', 'secret').update(`${ts}.${query}`).digest('hex')}`;
      return new Promise<number>((resolve, reject) => {
        request(`${portal.url}?${query}`, { headers: { 'x-comunicados-timestamp': ts, 'x-comunicados-signature': sig } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    };
    expect(await lookup('cierre-vial')).toBe(404);
    expect(await lookup('feria')).toBe(200);
  });

  it('TCP proxy: a reset in the response leaves the post created and the client with ECONNRESET; with faults off it passes', async () => {
    const g = await graph();
    const u = new URL(g.url);
    const proxy = new ChaosProxy({ host: u.hostname, port: Number(u.port) }, { latencyMs: [50, 60], random: () => 0.5, fault: { kind: 'reset', direction: 'response', offset: 20 } });
    await proxy.start();
    cleanups.push(() => proxy.close());
    const base = `http://127.0.0.1:${proxy.port}`;
    await expect(call(base, 'POST', '/v21.0/111/feed', 'message=Primera')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(g.livePosts('111').map((p) => p.message)).toEqual(['Primera']); // the platform acted
    expect(proxy.fired).toBeDefined();
    proxy.faults = false;
    expect((await call(base, 'POST', '/v21.0/111/feed', 'message=Segunda')).status).toBe(200);
    expect(proxy.bytes.response).toBeGreaterThan(20);
  });

  it('TCP proxy: a reset in the request means the platform never got a whole request and did nothing', async () => {
    const g = await graph();
    const u = new URL(g.url);
    const proxy = new ChaosProxy({ host: u.hostname, port: Number(u.port) }, { latencyMs: [50, 60], random: () => 0.5, fault: { kind: 'reset', direction: 'request', offset: 30 } });
    await proxy.start();
    cleanups.push(() => proxy.close());
    await expect(call(`http://127.0.0.1:${proxy.port}`, 'POST', '/v21.0/111/feed', 'message=Nada')).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) });
    expect(g.livePosts('111')).toEqual([]);
    expect(g.requests).toEqual([]);
  });
});
