import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Comunicado } from '../../../src/domain/comunicado.ts';
import { figuresExtension } from '../../../src/figures/extension.ts';
import { countClicks, readLinks } from '../../../src/figures/links.ts';
import { createFigureReaders } from '../../../src/figures/readers/index.ts';
import { HttpServer } from '../../../src/http/server.ts';
import { silentLogger } from '../../../src/util/logger.ts';
import { virtualClock } from '../../fakes/handoff/app.ts';
import { ORIGIN, mediaFiles, startPlatforms, submitAndApprove, type PlatformOptions, type Platforms } from '../../fakes/platforms.ts';

const PUBLIC = 'https://bot.alcaldia.test';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const DESTINATIONS = ['portal:noticia', 'facebook:alcaldia', 'facebook:alcalde', 'instagram:alcaldia', 'x:alcaldia'];
const SHORT = /https:\/\/bot\.alcaldia\.test\/l\/[A-Za-z0-9]{12}\d{6,}/g;

/**
 * `figures.shortLinks.socialPosts`: the posts of the listed networks carry their own short
 * link instead of the portal's, so their clicks are counted per account; the real publishers
 * run against the platform fakes.
 */
describe('short links in social posts', { timeout: 120_000 }, () => {
  let p: Platforms | undefined;
  let http: HttpServer | undefined;
  let dir = '';
  const clock = virtualClock('2026-11-10T15:00:00Z');

  async function start(options: Partial<PlatformOptions> = {}, socialPosts: string[] = ['facebook', 'x']): Promise<{ p: Platforms; port: number }> {
    dir = mkdtempSync(join(tmpdir(), 'post-links-'));
    p = await startPlatforms(dir, {
      now: clock.now,
      config: { publicUrl: PUBLIC, figures: { shortLinks: { socialPosts } } },
      extensions: (services, fakes) => [
        figuresExtension(services, { readers: createFigureReaders({ config: services.config, env: services.env, now: services.now, logger: services.logger, xAgent: fakes.xAgent }) }),
      ],
      ...options,
    });
    http = new HttpServer(silentLogger());
    for (const ext of p.app.extensions) for (const [path, handler] of Object.entries(ext.routes ?? {})) http.route(path, handler);
    return { p, port: await http.listen(0, '127.0.0.1') };
  }

  afterEach(async () => {
    await http?.close();
    await p?.close();
    http = undefined;
    p = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const follow = (port: number, link: string, ua = BROWSER) =>
    new Promise<{ status: number; location?: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: new URL(link).pathname, headers: { 'user-agent': ua } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers.location ? { location: res.headers.location } : {}) }));
      });
      req.on('error', reject);
      req.end();
    });

  const get = async (pl: Platforms, id: string): Promise<Comunicado> => (await pl.app.services.store.get(id))!;

  it('each listed account posts its own short link, which leads to the UTM-tagged noticia and counts per account; other networks keep the portal link', async () => {
    const { p, port } = await start();
    const files = (await mediaFiles(dir)).slice(0, 1);
    const id = await submitAndApprove(p, files, DESTINATIONS);
    const c = await get(p, id);
    expect(c.state).toBe('published');
    const portalUrl = c.deliveries['portal:noticia']!.url!;

    const [fbA] = p.graph.livePosts('111');
    const [fbB] = p.graph.livePosts('222');
    const linkA = fbA!.message!.match(SHORT)?.[0];
    const linkB = fbB!.message!.match(SHORT)?.[0];
    expect(linkA).toBeDefined();
    expect(linkB).toBeDefined();
    expect(linkA).not.toBe(linkB);
    expect(fbA!.message).not.toContain(portalUrl);
    const [tweet] = [...p.x.tweets.values()];
    const linkX = tweet!.text.match(SHORT)?.[0];
    expect(linkX).toBeDefined();
    expect(new Set([linkA, linkB, linkX]).size).toBe(3);
    // Instagram is not in socialPosts: its caption carries the noticia's own address.
    const [ig] = [...p.graph.igMedia.values()];
    expect(ig!.caption).toContain(portalUrl);
    expect(ig!.caption).not.toMatch(SHORT);

    const a = await follow(port, linkA!);
    expect(a.status).toBe(302);
    const target = new URL(a.location!);
    expect(`${target.origin}${target.pathname}`).toBe(portalUrl.split('?')[0]);
    expect(Object.fromEntries([...target.searchParams].filter(([k]) => k.startsWith('utm_')))).toEqual({
      utm_source: 'facebook',
      utm_medium: 'social',
      utm_campaign: id,
      utm_content: 'alcaldia',
    });
    // Facebook's own crawler fetches the link for the preview: redirected, not counted.
    expect((await follow(port, linkA!, 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)')).status).toBe(302);
    await follow(port, linkB!);
    await follow(port, linkX!);
    await follow(port, linkX!);
    expect(countClicks(await readLinks(p.app.services, id))).toEqual({ total: 4, byNetwork: { facebook: 2, x: 2 }, byMember: {} });

    await p.app.handle({ type: 'command', name: 'estado', text: id, files: [], eventKey: `estado-${id}`, actor: { platform: 'console', userId: 'jefe' }, origin: ORIGIN });
    const estado = p.chat.whispers.at(-1)!.message.text;
    expect(estado).toContain('Clics en los enlaces del bot: 4');
    expect(estado).toMatch(/Facebook[^\n]*Alcaldía[^\n]*: 1/);
    expect(estado).toMatch(/Facebook[^\n]*Alcalde[^\n]*: 1/);
    expect(estado).toMatch(/X[^\n]*: 2/);
  });

  it('a post the bot never heard back from is found by its short link and not posted again', async () => {
    const { p } = await start({ graphTimeoutMs: 800 });
    // Facebook creates the post and never answers: the bot cannot know it went out.
    p.graph.inject({ method: 'POST', path: /^111\/feed$/, action: 'hang_after' });
    const id = await submitAndApprove(p, [], ['portal:noticia', 'facebook:alcaldia']);
    const c = await get(p, id);
    const d = c.deliveries['facebook:alcaldia']!;
    expect(d.state).toBe('done');
    expect(d.meta).toMatchObject({ reconciled: true });
    const posts = p.graph.livePosts('111');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.message).toMatch(SHORT);
    // One short link for the account, made before the post; the lookup made none.
    const links = (await readLinks(p.app.services, id))!;
    expect(Object.values(links.codes).filter((e) => e.destination === 'facebook:alcaldia')).toHaveLength(1);
    expect(posts[0]!.message).toContain(Object.keys(links.codes)[0]);
  });

  it('with socialPosts empty (the default) every post carries the portal link and no short link is made for it', async () => {
    const { p } = await start({}, []);
    const id = await submitAndApprove(p, [], ['portal:noticia', 'facebook:alcaldia', 'x:alcaldia']);
    const c = await get(p, id);
    const portalUrl = c.deliveries['portal:noticia']!.url!;
    expect(p.graph.livePosts('111')[0]!.message).toContain(portalUrl);
    expect([...p.x.tweets.values()][0]!.text).not.toMatch(SHORT);
    const links = await readLinks(p.app.services, id);
    expect(Object.values(links?.codes ?? {}).filter((e) => e.destination)).toEqual([]);
  });
});
