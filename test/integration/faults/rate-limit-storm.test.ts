import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphErrors } from '../../fakes/graph/errors.ts';
import { ALL_DESTINATIONS, mediaFiles, startPlatforms, submitAndApprove, type Platforms } from '../../fakes/platforms.ts';
import { rateLimitExceeded } from '../../fakes/youtube/server.ts';

describe('fault: a 429 storm from every publisher, and a token that expires mid-run', { timeout: 120_000 }, () => {
  let p: Platforms;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fault-storm-'));
    p = await startPlatforms(dir);
  });
  afterAll(() => p?.close());

  it('waits each storm out with the platform\'s wait, without a hot loop; only the expired account fails', async () => {
    const { portal, graph, x, yt, sleeps } = p;
    const reset = String(Math.floor(Date.now() / 1000) + 60);
    portal.failNext({ method: 'POST', status: 429, headers: { 'retry-after': '30' }, body: { error: 'Demasiadas solicitudes' } });
    graph.inject({ method: 'POST', path: /^111\/feed$/, times: 2, status: 400, error: graphErrors.pageRateLimit() });
    graph.inject({ method: 'POST', path: /^178400000001\/media$/, times: 1, status: 400, error: graphErrors.appRateLimit() });
    graph.inject({ method: 'POST', path: /^178400000002\/media$/, times: 1, status: 400, error: graphErrors.customRateLimit() });
    // The mayor's Page token expires in the middle of the run.
    graph.inject({ method: 'POST', path: /^222\/(feed|photos)$/, times: 10, status: 400, error: graphErrors.expiredToken() });
    for (let i = 0; i < 3; i++) {
      x.script('POST /2/tweets', {
        status: 429,
        body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
        headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset },
      });
    }
    yt.script('insert', { status: 403, body: rateLimitExceeded() });
    yt.script('insert', { status: 403, body: rateLimitExceeded() });

    const id = await submitAndApprove(p, await mediaFiles(dir));
    const c = (await p.app.services.store.get(id))!;
    const states = Object.fromEntries(Object.entries(c.deliveries).map(([k, d]) => [k, d.state]));
    expect(states).toEqual(Object.fromEntries(ALL_DESTINATIONS.map((d) => [d, d === 'facebook:alcalde' ? 'failed' : 'done'])));
    expect(c.state).toBe('partially_published');
    expect(c.deliveries['facebook:alcalde']!.error!.message).toMatch(/[Rr]econecte la cuenta/);
    expect(c.deliveries['facebook:alcalde']!.attempts).toBe(1); // an expired token is not retried
    const health = await p.app.services.store.readDoc<Record<string, { ok: boolean }>>('account-health', {});
    expect(health['facebook:alcalde']!.ok).toBe(false);
    expect(health['facebook:alcaldia']!.ok).toBe(true);

    // Every wait came from the engine's sleep, none was zero (no hot loop), and the portal's
    // Retry-After was honoured to the second.
    expect(sleeps.length).toBeGreaterThanOrEqual(1 + 2 + 2 + 3 + 2);
    expect(Math.min(...sleeps)).toBeGreaterThanOrEqual(1000);
    expect(sleeps).toContain(30_000);
    // Count the requests: each storm costs exactly its refused calls plus one that works.
    expect(portal.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(graph.calls('POST', /^111\/feed$/)).toHaveLength(3);
    expect(graph.calls('POST', /^222\/(feed|photos)$/)).toHaveLength(1);
    expect(x.requests.filter((r) => r.method === 'POST' && r.path === '/2/tweets')).toHaveLength(2 + 3);
    expect(yt.requests.filter((r) => r.method === 'POST' && /videos/.test(r.path))).toHaveLength(2 + 2);
    // And nothing was published twice.
    expect(portal.items).toHaveLength(1);
    expect(graph.livePosts('111')).toHaveLength(1);
    expect(graph.livePosts('222')).toHaveLength(0);
    expect(x.tweets.size).toBe(2);
    expect(yt.videos.size).toBe(2);
    expect([...graph.igMedia.values()]).toHaveLength(2);
  });
});
