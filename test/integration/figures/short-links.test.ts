import { Agent, request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHandoff } from '../../../src/handoff/record.ts';
import { countClicks, readLinks } from '../../../src/figures/links.ts';
import { HttpServer } from '../../../src/http/server.ts';
import { silentLogger } from '../../../src/util/logger.ts';
import { startBot, submitAndApprove, tempDir, testConfig, virtualClock, type Bot } from '../../fakes/handoff/app.ts';
import { fakePortalPublishers, newPortal } from '../../fakes/handoff/portal.ts';
import { RecordingChat, newInbox, type Inbox } from '../../fakes/handoff/recording-chat.ts';

const TEXT = ['Alcaldía abre inscripciones para el Festival Folclórico', '', 'Las inscripciones van hasta el 30 de junio.', '', 'Detalles. #Ibagué'].join('\n');
const PUBLIC = 'https://bot.alcaldia.test';
const CONFIG = {
  publicUrl: PUBLIC,
  team: { quietHours: '', members: [{ name: 'Ana María Pérez', slack: 'UANA' }, { name: 'Luis Rojas', slack: 'ULUIS' }] },
};
const BROWSER = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';

interface Answer {
  status: number;
  location?: string;
}

describe('short links on publicUrl (/l/<code>)', { timeout: 120_000 }, () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  let inbox: Inbox;
  let bot: Bot;
  let http: HttpServer;
  let port: number;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const clock = virtualClock('2026-11-10T15:00:00Z');

  const get = (path: string, ua = BROWSER, method = 'GET') =>
    new Promise<Answer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method, agent, headers: { 'user-agent': ua } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers.location ? { location: res.headers.location } : {}) }));
      });
      req.on('error', reject);
      req.end();
    });

  beforeEach(async () => {
    dir = await tempDir('links-');
    inbox = newInbox();
    bot = await startBot({ dataDir: dir.dir, config: testConfig(CONFIG), chats: [new RecordingChat({ inbox, now: clock.ms })], clock, publishers: fakePortalPublishers(newPortal(), clock.ms) });
    http = new HttpServer(silentLogger());
    for (const ext of bot.app.extensions) for (const [path, handler] of Object.entries(ext.routes ?? {})) http.route(path, handler);
    port = await http.listen(0, '127.0.0.1');
  });
  afterEach(async () => {
    await http.close();
    await bot.stop();
    await dir.cleanup();
  });

  async function published() {
    const c = await submitAndApprove(bot.app, TEXT);
    const rec = (await readHandoff(bot.store, c.id))!;
    return { c, rec, portalUrl: c.deliveries['portal:noticia']!.url! };
  }

  it("gives each member's WhatsApp hand-off its own link, which redirects to the right UTM-tagged portal URL", async () => {
    const { c, rec, portalUrl } = await published();
    const links = Object.fromEntries(Object.entries(rec.members).map(([slug, m]) => [slug, m.link!]));
    expect(Object.keys(links).sort()).toEqual(['ana-maria-perez', 'luis-rojas']);
    expect(new Set(Object.values(links)).size).toBe(2);
    for (const [slug, link] of Object.entries(links)) {
      expect(link).toMatch(/^https:\/\/bot\.alcaldia\.test\/l\/[A-Za-z0-9]{12}\d{6,}$/);
      // The member's DM and its WhatsApp text carry the short link.
      const dm = inbox.dms.find((d) => d.userId === (slug === 'luis-rojas' ? 'ULUIS' : 'UANA'))!.message;
      expect(dm.text).toContain(link);
      expect(decodeURIComponent(dm.links!.find((l) => l.url.startsWith('https://wa.me/'))!.url)).toContain(link);

      const a = await get(new URL(link).pathname);
      expect(a.status).toBe(302);
      const target = new URL(a.location!);
      expect(`${target.origin}${target.pathname}`).toBe(portalUrl.split('?')[0]);
      expect(target.searchParams.get('ref')).toBe('portal'); // the portal's own parameters are kept
      expect(Object.fromEntries([...target.searchParams].filter(([k]) => k.startsWith('utm_')))).toEqual({
        utm_source: 'whatsapp',
        utm_medium: 'difusion',
        utm_campaign: c.id,
        utm_content: slug,
      });
    }
    const counts = countClicks(await readLinks(bot.app.services, c.id));
    expect(counts).toEqual({ total: 2, byNetwork: { whatsapp: 2 }, byMember: { 'Ana María Pérez': 1, 'Luis Rojas': 1 } });
  });

  it('link-preview fetchers, crawlers and HEAD requests get the redirect but are not counted', async () => {
    const { c, rec } = await published();
    const path = new URL(rec.members['ana-maria-perez']!.link!).pathname;
    const unfurlers = [
      'WhatsApp/2.24.23.78 A',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'TelegramBot (like TwitterBot)',
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'Twitterbot/1.0',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    ];
    for (const ua of unfurlers) expect((await get(path, ua)).status).toBe(302);
    expect((await get(path, BROWSER, 'HEAD')).status).toBe(302);
    expect(countClicks(await readLinks(bot.app.services, c.id)).total).toBe(0);
    expect((await get(path)).status).toBe(302);
    expect(countClicks(await readLinks(bot.app.services, c.id)).total).toBe(1);
  });

  it('1,000 concurrent clicks are all counted, exactly once each, and survive a restart', async () => {
    const { c, rec } = await published();
    const paths = Object.values(rec.members).map((m) => new URL(m.link!).pathname);
    const answers = await Promise.all(Array.from({ length: 1000 }, (_, i) => get(paths[i % 2]!)));
    expect(answers.every((a) => a.status === 302)).toBe(true);
    expect(countClicks(await readLinks(bot.app.services, c.id))).toEqual({ total: 1000, byNetwork: { whatsapp: 1000 }, byMember: { 'Ana María Pérez': 500, 'Luis Rojas': 500 } });
    await http.close();
    await bot.stop();
    bot = await startBot({ dataDir: dir.dir, config: testConfig(CONFIG), chats: [new RecordingChat({ inbox, now: clock.ms })], clock, publishers: fakePortalPublishers(newPortal(), clock.ms) });
    expect(countClicks(await readLinks(bot.app.services, c.id)).total).toBe(1000);
  });

  it('an unknown, guessed or malformed code answers 404 and counts nothing', async () => {
    const { c, rec } = await published();
    const real = new URL(rec.members['luis-rojas']!.link!).pathname.slice(3);
    const guessed = `${real.slice(0, 11)}${real[11] === 'A' ? 'B' : 'A'}${real.slice(12)}`;
    for (const code of [guessed, 'AAAAAAAAAAAA260999', 'abc', '../../etc/passwd', '']) expect((await get(`/l/${code}`)).status).toBe(404);
    expect((await get(`/l/${real}`, BROWSER, 'POST')).status).toBe(405);
    expect(countClicks(await readLinks(bot.app.services, c.id)).total).toBe(0);
  });
});
