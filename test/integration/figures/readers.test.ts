import axios from 'axios';
import { Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FacebookFigures, InstagramFigures } from '../../../src/figures/readers/graph.ts';
import { HttpPortalFigures } from '../../../src/figures/readers/portal.ts';
import { XFigures } from '../../../src/figures/readers/x.ts';
import { YoutubeFigures } from '../../../src/figures/readers/youtube.ts';
import { GraphClient } from '../../../src/publish/social/graph/client.ts';
import { GoogleTokenSource } from '../../../src/publish/social/youtube/token-source.ts';
import { silentLogger } from '../../../src/util/logger.ts';
import { graphErrors } from '../../fakes/graph/errors.ts';
import { GraphFake } from '../../fakes/graph/graph-fake.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from '../../fakes/portal/http-receiver.ts';
import { startFakeX, type FakeX } from '../../fakes/x/server.ts';
import { googleError, quotaExceeded, startFakeYoutube, type FakeYoutube } from '../../fakes/youtube/server.ts';

const NOW = new Date('2026-11-10T15:00:00Z');
const now = () => NOW;
const PAGE_TOKEN = 'EAA-figures-page-token-111';
const NO_INSIGHTS_TOKEN = 'EAA-figures-page-no-insights';
const IG_TOKEN = 'EAA-figures-ig-token-9001';
const IG_NO_INSIGHTS = 'EAA-figures-ig-no-insights';
const none = { goneMetrics: [] as string[] };
const target = (remoteId: string, destination = 'facebook:alcaldia') => ({ comunicadoId: 'C-2026-0001', destination, remoteId });

describe('figures readers against the platforms\' documented answers', () => {
  let graph: GraphFake;
  let yt: FakeYoutube;
  let x: FakeX;
  let portal: FakeHttpPortal;
  const client = (token: string) => new GraphClient({ baseUrl: graph.url, version: 'v21.0', token });

  beforeAll(async () => {
    graph = new GraphFake();
    await graph.start();
    graph
      .addPage('111', 'Alcaldía de Ibagué')
      .addToken(PAGE_TOKEN, { kind: 'PAGE', id: '111', name: 'Alcaldía de Ibagué' })
      .addToken(NO_INSIGHTS_TOKEN, { kind: 'PAGE', id: '111', name: 'Alcaldía de Ibagué', scopes: ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts'] })
      .addToken(IG_TOKEN, { kind: 'USER', id: '9001', name: 'Redes' })
      .addToken(IG_NO_INSIGHTS, { kind: 'USER', id: '9001', name: 'Redes', scopes: ['instagram_basic', 'instagram_content_publish'] })
      .addIgUser('1784', 'alcaldiadeibague');
    for (const n of [1, 2, 3, 4, 5]) graph.posts.set(`111_${n}`, { id: `111_${n}`, createdAt: 0, pageId: '111', attached: [], deleted: false });
    graph.figures.set('111_1', { reactions: 42, comments: 7, shares: 3, post_total_media_view_unique: 1500, post_media_view: 2100 });
    graph.figures.set('111_2', { reactions: 5, comments: 1 });
    graph.igMedia.set('1790', { id: '1790', createdAt: 0, userId: '1784', containerId: 'c1', permalink: 'https://www.instagram.com/p/C1790/' });
    graph.figures.set('1790', { views: 900, reach: 640, likes: 80, comments: 4, saved: 6, shares: 2 });

    yt = await startFakeYoutube({ accounts: [{ refreshToken: 'yt-refresh-figures', channelId: 'UC_alcaldia', title: 'Alcaldía' }], clientId: 'yt-id', clientSecret: 'yt-secret' });
    const video = { channelId: 'UC_alcaldia', sha256: '0'.repeat(64), bytes: 10, title: 'Recorrido', description: '', privacyStatus: 'public', categoryId: '25', tags: [], createdAt: 0 };
    yt.videos.set('vid00000001', { ...video, id: 'vid00000001', stats: { views: 321, likes: 12, comments: 3 } });

    x = await startFakeX({ accounts: [{ consumerKey: 'xk', consumerSecret: 'xs', accessToken: '1111-xa', accessSecret: 'xas', userId: '1111', username: 'AlcaldiaIbague', name: 'Alcaldía' }] });
    x.tweets.set('1880000000000000001', { id: '1880000000000000001', text: 'hola', mediaIds: [], authorId: '1111', metrics: { impression_count: 5000, like_count: 90, reply_count: 8, retweet_count: 20, quote_count: 2 } });

    portal = await startFakeHttpPortal('portal-secret-figures-000000000000');
  });
  afterAll(async () => {
    await Promise.all([graph?.stop(), yt?.close(), x?.close(), portal?.close()]);
  });

  describe('Facebook page post', () => {
    it('reads reactions, comments, shares and the reach and views metrics Graph still offers', async () => {
      const r = await new FacebookFigures('facebook:alcaldia', client(PAGE_TOKEN), ['post_total_media_view_unique', 'post_media_view'], now).read(target('111_1'), none);
      expect(r).toEqual({ kind: 'ok', metrics: { reactions: 42, comments: 7, shares: 3, reach: 1500, views: 2100 } });
      const fields = graph.calls('GET', /^111_1$/)[0]!.query['fields'];
      expect(fields).toContain('reactions.summary(total_count)');
      expect(fields).toContain('shares');
    });

    it('keeps working when a configured metric no longer exists, and says which one', async () => {
      const before = graph.requests.length;
      const r = await new FacebookFigures('facebook:alcaldia', client(PAGE_TOKEN), ['post_impressions_unique', 'post_total_media_view_unique'], now).read(target('111_1'), none);
      expect(r).toEqual({ kind: 'ok', metrics: { reactions: 42, comments: 7, shares: 3, reach: 1500 }, missing: ['post_impressions_unique'] });
      // The combined request, then each metric alone once.
      expect(graph.requests.slice(before).filter((q) => q.path.endsWith('/insights')).map((q) => q.query['metric'])).toEqual([
        'post_impressions_unique,post_total_media_view_unique',
        'post_impressions_unique',
        'post_total_media_view_unique',
      ]);
      // Known gone: not asked again.
      const after = graph.requests.length;
      await new FacebookFigures('facebook:alcaldia', client(PAGE_TOKEN), ['post_impressions_unique', 'post_total_media_view_unique'], now).read(target('111_1'), { goneMetrics: ['post_impressions_unique'] });
      expect(graph.requests.slice(after).filter((q) => q.path.endsWith('/insights')).map((q) => q.query['metric'])).toEqual(['post_total_media_view_unique']);
    });

    it('a token without read_insights still gives the engagement and names the permission', async () => {
      const r = await new FacebookFigures('facebook:alcaldia', client(NO_INSIGHTS_TOKEN), ['post_total_media_view_unique'], now).read(target('111_2'), none);
      expect(r).toMatchObject({ kind: 'ok', metrics: { reactions: 5, comments: 1, shares: 0 }, permission: { permission: 'read_insights' } });
    });

    it('a 429 waits the time Meta gives in x-business-use-case-usage', async () => {
      const usage = JSON.stringify({ '111': [{ type: 'pages', call_count: 100, total_cputime: 20, total_time: 25, estimated_time_to_regain_access: 7 }] });
      graph.inject({ method: 'GET', path: /^111_3$/, status: 429, error: graphErrors.pageRateLimit(), headers: { 'x-business-use-case-usage': usage } });
      const r = await new FacebookFigures('facebook:alcaldia', client(PAGE_TOKEN), ['post_total_media_view_unique'], now).read(target('111_3'), none);
      expect(r).toMatchObject({ kind: 'wait', waitMs: 7 * 60_000 });
      graph.inject({ method: 'GET', path: /^111_3\/insights$/, status: 400, error: graphErrors.userRateLimit() });
      const r2 = await new FacebookFigures('facebook:alcaldia', client(PAGE_TOKEN), ['post_total_media_view_unique'], now).read(target('111_3'), none);
      expect(r2).toMatchObject({ kind: 'wait' });
    });

    it('a deleted post is answered as gone', async () => {
      graph.posts.get('111_4')!.deleted = true;
      const r = await new FacebookFigures('facebook:alcaldia', client(PAGE_TOKEN), ['post_total_media_view_unique'], now).read(target('111_4'), none);
      expect(r).toEqual({ kind: 'gone' });
    });
  });

  describe('Instagram media insights', () => {
    const reader = (token: string, metrics = ['views', 'reach', 'likes', 'comments', 'saved', 'shares']) => new InstagramFigures('instagram:alcaldia', client(token), metrics, now);

    it('reads views, reach, likes, comments, saved and shares', async () => {
      expect(await reader(IG_TOKEN).read(target('1790', 'instagram:alcaldia'), none)).toEqual({ kind: 'ok', metrics: { views: 900, reach: 640, likes: 80, comments: 4, saved: 6, shares: 2 } });
    });

    it('drops the retired impressions metric and keeps the rest', async () => {
      const r = await reader(IG_TOKEN, ['impressions', 'reach']).read(target('1790', 'instagram:alcaldia'), none);
      expect(r).toEqual({ kind: 'ok', metrics: { reach: 640 }, missing: ['impressions'] });
    });

    it('without instagram_manage_insights: no figures, the permission named', async () => {
      const r = await reader(IG_NO_INSIGHTS).read(target('1790', 'instagram:alcaldia'), none);
      expect(r).toMatchObject({ kind: 'no_permission', permission: { permission: 'instagram_manage_insights' } });
    });

    it('"not enough viewers" is no figures yet, not a failure; a 429 waits; a deleted media is gone', async () => {
      graph.inject({ method: 'GET', path: /^1790\/insights$/, status: 400, error: graphErrors.notEnoughViewers() });
      expect(await reader(IG_TOKEN).read(target('1790', 'instagram:alcaldia'), none)).toEqual({ kind: 'ok', metrics: {} });
      graph.inject({ method: 'GET', path: /^1790\/insights$/, status: 429, error: graphErrors.appRateLimit(), headers: { 'retry-after': '120' } });
      expect(await reader(IG_TOKEN).read(target('1790', 'instagram:alcaldia'), none)).toMatchObject({ kind: 'wait', waitMs: 120_000 });
      graph.igMedia.get('1790')!.deleted = true;
      expect(await reader(IG_TOKEN).read(target('1790', 'instagram:alcaldia'), none)).toEqual({ kind: 'gone' });
      graph.igMedia.get('1790')!.deleted = false;
    });
  });

  describe('YouTube videos.list statistics', () => {
    const reader = () => {
      const http = axios.create();
      const tokens = new GoogleTokenSource({ http, tokenUrl: yt.env.YOUTUBE_OAUTH_URL, clientId: 'yt-id', clientSecret: 'yt-secret', refreshToken: 'yt-refresh-figures', channel: 'Alcaldía', refreshTokenVar: 'YT_R', clientVars: ['YT_ID', 'YT_SECRET'], now, logger: silentLogger() });
      return new YoutubeFigures('youtube:alcaldia', http, yt.env.YOUTUBE_API_URL, tokens, now);
    };

    it('reads views, likes and comments (strings in the answer)', async () => {
      expect(await reader().read(target('vid00000001', 'youtube:alcaldia'))).toEqual({ kind: 'ok', metrics: { views: 321, likes: 12, comments: 3 } });
    });

    it('quotaExceeded waits until the daily reset at midnight Pacific time; a 429 waits its Retry-After', async () => {
      yt.script('videos', { status: 403, body: quotaExceeded() });
      const r = await reader().read(target('vid00000001', 'youtube:alcaldia'));
      // 15:00 UTC is 07:00 in Los Angeles (PST): 17 hours to midnight.
      expect(r).toMatchObject({ kind: 'wait', waitMs: 17 * 3_600_000 });
      yt.script('videos', { status: 429, body: googleError(429, 'rateLimitExceeded', 'Too many requests'), headers: { 'retry-after': '90' } });
      expect(await reader().read(target('vid00000001', 'youtube:alcaldia'))).toMatchObject({ kind: 'wait', waitMs: 90_000 });
    });

    it('a missing scope is named; a deleted video (absent from the list) is gone', async () => {
      yt.script('videos', { status: 403, body: googleError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.', 'global') });
      expect(await reader().read(target('vid00000001', 'youtube:alcaldia'))).toMatchObject({ kind: 'no_permission', permission: { permission: 'youtube.readonly' } });
      expect(await reader().read(target('vidDELETED0', 'youtube:alcaldia'))).toEqual({ kind: 'gone' });
    });
  });

  describe('X public_metrics', () => {
    const reader = () => new XFigures('x:alcaldia', { appKey: 'xk', appSecret: 'xs', accessToken: '1111-xa', accessSecret: 'xas' }, x.url, now, new Agent({ ca: x.ca }));

    it('reads impressions, likes, replies, reposts and quotes', async () => {
      expect(await reader().read(target('1880000000000000001', 'x:alcaldia'))).toEqual({ kind: 'ok', metrics: { views: 5000, likes: 90, comments: 8, shares: 20, quotes: 2 } });
    });

    it('a 429 waits until x-rate-limit-reset; a deleted post is gone; a 403 names the access', async () => {
      const reset = Math.floor(NOW.getTime() / 1000) + 600;
      x.script('GET /2/tweets/:id', { status: 429, body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 }, headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) } });
      expect(await reader().read(target('1880000000000000001', 'x:alcaldia'))).toMatchObject({ kind: 'wait', waitMs: 600_000 });
      expect(await reader().read(target('1880000000000000999', 'x:alcaldia'))).toEqual({ kind: 'gone' });
      x.script('GET /2/tweets/:id', { status: 403, body: { title: 'Forbidden', detail: 'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.', type: 'https://api.twitter.com/2/problems/client-forbidden', status: 403 } });
      expect(await reader().read(target('1880000000000000001', 'x:alcaldia'))).toMatchObject({ kind: 'no_permission' });
    });
  });

  describe('http portal stats', () => {
    it('reads the views of an item; a portal without stats gives none (the bot\'s clicks stand in)', async () => {
      portal.items.push({ id: '1000', url: `${portal.url}/x`, doc: { slug: 'c-2026-0001-x', attachments: [] }, files: {}, views: 77 });
      const reader = new HttpPortalFigures('portal:noticia', portal.url, 'portal-secret-figures-000000000000', () => new Date());
      expect(await reader.read(target('1000', 'portal:noticia'))).toEqual({ kind: 'ok', metrics: { views: 77 } });
      const plain = await startFakeHttpPortal('portal-secret-figures-000000000000', { stats: false });
      try {
        expect(await new HttpPortalFigures('portal:noticia', plain.url, 'portal-secret-figures-000000000000', () => new Date()).read(target('1000', 'portal:noticia'))).toEqual({ kind: 'ok', metrics: {} });
      } finally {
        await plain.close();
      }
    });
  });
});
