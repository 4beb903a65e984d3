import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comunicado } from '../../../src/domain/comunicado.ts';
import { figuresExtension } from '../../../src/figures/extension.ts';
import { createFigureReaders } from '../../../src/figures/readers/index.ts';
import { graphErrors } from '../../fakes/graph/errors.ts';
import { virtualClock } from '../../fakes/handoff/app.ts';
import { ORIGIN, mediaFiles, startPlatforms, submitAndApprove, type Platforms } from '../../fakes/platforms.ts';
import { TEST_SECRETS } from '../../fixtures/secrets.ts';

const HOUR = 3_600_000;
type Figures = ReturnType<typeof figuresExtension>;

describe('figures of a comunicado published on every platform, read at +1 h, +24 h and +7 d', { timeout: 180_000 }, () => {
  let p: Platforms;
  let dir: string;
  let ext: Figures;
  let id: string;
  const clock = virtualClock('2026-11-10T15:00:00Z');
  const store = () => p.app.services.store;
  const get = async (): Promise<Comunicado> => (await store().get(id))!;
  const newExtension = () => figuresExtension(p.app.services, { readers: createFigureReaders({ config: p.app.services.config, env: p.app.services.env, now: clock.now, logger: p.app.services.logger, xAgent: agent }) });
  let agent: import('node:https').Agent;

  async function command(name: string, text: string): Promise<string> {
    await p.app.handle({ type: 'command', name, text, files: [], eventKey: `${name}-${Math.random()}`, actor: { platform: 'console', userId: 'jefe' }, origin: ORIGIN });
    return p.chat.whispers.at(-1)!.message.text;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'figures-'));
    p = await startPlatforms(dir, {
      now: clock.now,
      config: { figures: { x: { read: true } } },
      extensions: (services, fakes) => {
        agent = fakes.xAgent;
        return [figuresExtension(services, { readers: createFigureReaders({ config: services.config, env: services.env, now: services.now, logger: services.logger, xAgent: fakes.xAgent }) })];
      },
    });
    ext = p.app.extensions.find((e) => e.name === 'figures') as Figures;
    id = await submitAndApprove(p, await mediaFiles(dir));
    // What each network counted.
    const [fbA] = p.graph.livePosts('111');
    const [fbB] = p.graph.livePosts('222');
    p.graph.figures.set(fbA!.id, { reactions: 42, comments: 7, shares: 3, post_total_media_view_unique: 1500, post_media_view: 2100 });
    p.graph.figures.set(fbB!.id, { reactions: 9, comments: 1 });
    for (const m of p.graph.igMedia.values()) p.graph.figures.set(m.id, { views: 900, reach: 640, likes: 80, comments: 4, saved: 6, shares: 2 });
    for (const v of p.yt.videos.values()) v.stats = { views: 321, likes: 12, comments: 3 };
    for (const tw of p.x.tweets.values()) tw.metrics = { impression_count: 5000, like_count: 90, reply_count: 8, retweet_count: 20, quote_count: 2 };
    p.portal.items[0]!.views = 777;
  });
  afterAll(() => p?.close());

  it('schedules three readings on each real delivery, kept on the delivery', async () => {
    const c = await get();
    expect(c.state).toBe('published');
    for (const d of Object.values(c.deliveries)) {
      const hours = d.figures!.polls.map((x) => (Date.parse(x.at) - Date.parse(d.finishedAt!)) / HOUR);
      expect(hours).toEqual([1, 24, 168]);
    }
  });

  it('reads nothing before the hour; at +1 h every platform, and /estado shows them', async () => {
    clock.advance(59 * 60_000);
    expect(await ext.poller.tick()).toEqual([]);
    // The mayor's Page token lacks read_insights; Instagram is throttled with Meta's wait.
    p.graph.tokens.get(TEST_SECRETS.facebookPageMayor)!.scopes = ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts'];
    const igA = [...p.graph.igMedia.values()].find((m) => m.userId === '178400000001')!;
    const usage = JSON.stringify({ '178400000001': [{ type: 'instagram', call_count: 100, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 7 }] });
    p.graph.inject({ method: 'GET', path: new RegExp(`^${igA.id}/insights$`), status: 429, error: graphErrors.appRateLimit(), headers: { 'x-business-use-case-usage': usage } });

    clock.advance(2 * 60_000);
    const outcomes = await ext.poller.tick();
    expect(outcomes.map((o) => `${o.destination}:${o.kind}`).sort()).toEqual([
      'facebook:alcalde:ok',
      'facebook:alcaldia:ok',
      'instagram:alcalde:ok',
      'instagram:alcaldia:wait',
      'portal:noticia:ok',
      'x:alcalde:ok',
      'x:alcaldia:ok',
      'youtube:alcalde:ok',
      'youtube:alcaldia:ok',
    ]);
    const c = await get();
    expect(c.deliveries['facebook:alcaldia']!.figures!.readings[0]!.metrics).toEqual({ reactions: 42, comments: 7, shares: 3, reach: 1500, views: 2100 });
    expect(c.deliveries['facebook:alcalde']!.figures!.readings[0]!.metrics).toEqual({ reactions: 9, comments: 1, shares: 0 });
    expect(c.deliveries['youtube:alcaldia']!.figures!.readings[0]!.metrics).toEqual({ views: 321, likes: 12, comments: 3 });
    expect(c.deliveries['x:alcalde']!.figures!.readings[0]!.metrics).toEqual({ views: 5000, likes: 90, comments: 8, shares: 20, quotes: 2 });
    expect(c.deliveries['portal:noticia']!.figures!.readings[0]!.metrics).toEqual({ views: 777 });

    const estado = await command('estado', id);
    expect(estado).toContain('Cifras por destino');
    expect(estado).toMatch(/Facebook · Alcaldía: alcance 1\.500 · vistas 2\.100 · reacciones 42 · comentarios 7 · compartidos 3/);
    expect(estado).toMatch(/YouTube · Alcaldía: vistas 321 · me gusta 12 · comentarios 3/);
    expect(estado).toContain('le falta el permiso read_insights');

    // /cuentas names the missing permission and the wait; publishing was never touched.
    const cuentas = await command('cuentas', '');
    expect(cuentas).toMatch(/Facebook · Alcalde: falta el permiso read_insights/);
    expect(cuentas).toMatch(/Instagram · Alcaldía: la red pidió esperar/);

    // Meta's 7 minutes: not before, then once.
    clock.advance(5 * 60_000);
    expect(await ext.poller.tick()).toEqual([]);
    clock.advance(3 * 60_000);
    expect((await ext.poller.tick()).map((o) => `${o.destination}:${o.kind}`)).toEqual(['instagram:alcaldia:ok']);
  });

  it('a deleted post is answered once as gone, then never asked again', async () => {
    const fbB = p.graph.livePosts('222')[0]!;
    p.graph.posts.get(fbB.id)!.deleted = true;
    clock.advance(24 * HOUR);
    const outcomes = await ext.poller.tick();
    expect(outcomes.find((o) => o.destination === 'facebook:alcalde')?.kind).toBe('gone');
    expect(outcomes.filter((o) => o.kind === 'ok')).toHaveLength(8);
    const calls = () => p.graph.requests.filter((r) => r.path.startsWith(fbB.id)).length;
    const before = calls();
    clock.advance(7 * 24 * HOUR);
    const last = await ext.poller.tick();
    expect(last.find((o) => o.destination === 'facebook:alcalde')).toBeUndefined();
    expect(calls()).toBe(before);
    const c = await get();
    expect(c.deliveries['facebook:alcalde']!.figures!.status).toBe('gone');
    expect(c.deliveries['facebook:alcaldia']!.figures!.readings).toHaveLength(3);
    expect(await command('estado', id)).toContain('la publicación ya no existe en la red');
    // Every reading done: the comunicado leaves the open list.
    expect(await ext.poller.openIds()).toEqual([]);
  });

  it('the schedule survives a restart: done readings are not repeated, one interrupted call is read once, overdue ones fold into one', async () => {
    // Same text as the first: the networks would refuse it as a duplicate while the first is up.
    for (const post of p.graph.livePosts('111')) post.deleted = true;
    p.x.tweets.clear();
    const second = await submitAndApprove(p, [], ['portal:noticia', 'facebook:alcaldia', 'x:alcaldia']);
    expect((await store().get(second))!.state).toBe('published');
    const postOf = async () => (await store().get(second))!.deliveries;
    const post = p.graph.livePosts('111').at(-1)!.id;
    const all = () => p.graph.requests.filter((r) => r.method === 'GET' && (r.path === post || r.path === `${post}/insights`)).length;
    const atPublish = all();
    const reads = () => all() - atPublish;

    clock.advance(HOUR + 60_000);
    await ext.poller.tick();
    expect(reads()).toBe(2); // post fields + insights
    // The bot stops in the middle of the +24 h reading of X (claimed, never answered)...
    clock.advance(23 * HOUR);
    await store().update(second, (c) => {
      c.deliveries['x:alcaldia']!.figures!.polls[1]!.state = 'claimed';
      return c;
    });
    await ext.stop();
    // ...and comes back 8 days after publication.
    clock.advance(7 * 24 * HOUR);
    const restarted = newExtension();
    await restarted.start();
    const tweetReads = () => p.x.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/2/tweets/')).length;
    const tweetsBefore = tweetReads();
    const outcomes = await restarted.poller.tick();
    expect(outcomes.map((o) => `${o.destination}:${o.kind}`).sort()).toEqual(['facebook:alcaldia:ok', 'portal:noticia:ok', 'x:alcaldia:ok']);
    expect(tweetReads() - tweetsBefore).toBe(1);
    expect(reads()).toBe(4);
    const d = await postOf();
    for (const dest of ['portal:noticia', 'facebook:alcaldia', 'x:alcaldia']) {
      expect(d[dest]!.figures!.polls.map((x) => x.state)).toEqual(['done', 'skipped', 'done']);
      expect(d[dest]!.figures!.readings).toHaveLength(2);
    }
    // A second pass, or a second start, reads nothing more.
    expect(await restarted.poller.tick()).toEqual([]);
    const again = newExtension();
    await again.start();
    expect(await again.poller.tick()).toEqual([]);
    expect(reads()).toBe(4);
    await restarted.stop();
    await again.stop();
  });
});
