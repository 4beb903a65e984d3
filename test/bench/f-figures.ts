/**
 * f) Figures quota budget: a year of the office's volume (2,500 comunicados, 9 destinations
 * each: portal noticia, Facebook, Instagram, X and YouTube for both identities) read at
 * +1 h, +24 h and +7 d by the real figures poller and readers (src/figures), against fakes
 * that count every call: the Graph fake (per token), the YouTube fake (videos.list = 1
 * quota unit each), the X fake (each post returned = 1 post read) and the http portal.
 * The clock is virtual: the year passes in an hourly tick.
 *
 * Publication times follow a working office: Monday to Friday, 07:00 to 19:00 in Ibagué,
 * about ten a day, with an emergency week (25 a day) in the rainy season and one day of
 * 40 (a flood) with 12 of them inside one hour: the peak the limits must survive.
 *
 * Figures and goals (each under 10 % of the platform's published limit, docs/benchmarks.md):
 * - Graph calls per hour at the peak, per token (user): limit 200 per user per hour;
 * - YouTube quota units per day at the peak: limit 10,000 units per day (default quota);
 * - X post reads per month at the peak: cap 2,000,000 post reads per month (pay-per-use).
 *
 *   npm run bench -- f
 *   npm run bench -- f --comunicados=500      a smaller year (same calendar, fewer per day)
 */
import { Agent } from 'node:https';
import { DateTime } from 'luxon';
import { rulesFrom } from '../../src/app.ts';
import { readEnv } from '../../src/config/env.ts';
import { parseConfig } from '../../src/config/load.ts';
import type { Destination } from '../../src/domain/comunicado.ts';
import { FiguresPoller } from '../../src/figures/poller.ts';
import { createFigureReaders } from '../../src/figures/readers/index.ts';
import type { Services } from '../../src/service/extension.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { silentLogger } from '../../src/util/logger.ts';
import { GraphFake } from '../fakes/graph/graph-fake.ts';
import { startFakeHttpPortal } from '../fakes/portal/http-receiver.ts';
import { startFakeX } from '../fakes/x/server.ts';
import { startFakeYoutube } from '../fakes/youtube/server.ts';
import { argValue } from './lib/child.ts';
import { count, detail, finish, runMain, verdict } from './lib/report.ts';
import { published } from './lib/seed.ts';

const ZONE = 'America/Bogota';
const YEAR = 2027;
const HOUR = 3_600_000;
/** Published limits (sources in docs/benchmarks.md). */
const GRAPH_CALLS_PER_USER_HOUR = 200;
const YOUTUBE_UNITS_PER_DAY = 10_000;
const X_POST_READS_PER_MONTH = 2_000_000;
const X_USD_PER_POST_READ = 0.005;

const DESTINATIONS: Destination[] = ['portal:noticia', 'facebook:alcaldia', 'facebook:alcalde', 'instagram:alcaldia', 'instagram:alcalde', 'x:alcaldia', 'x:alcalde', 'youtube:alcaldia', 'youtube:alcalde'];
const X_APP = { consumerKey: 'x-app-key-bench', consumerSecret: 'x-app-secret-bench' };
const X_A = { ...X_APP, accessToken: '1111-x-alcaldia-bench', accessSecret: 'x-alcaldia-secret-bench', userId: '1111', username: 'AlcaldiaIbague', name: 'Alcaldía' };
const X_B = { ...X_APP, accessToken: '2222-x-alcalde-bench', accessSecret: 'x-alcalde-secret-bench', userId: '2222', username: 'AlcaldeIbague', name: 'Alcalde' };
const TOKENS = { fbA: 'EAA-bench-fb-alcaldia', fbB: 'EAA-bench-fb-alcalde', igA: 'EAA-bench-ig-alcaldia', igB: 'EAA-bench-ig-alcalde' };
const PORTAL_SECRET = 'portal-hmac-secret-bench-0000000000';

/** A small deterministic generator: the same year every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Publication instants of the year: `total` spread over working days, with a rainy-season week and a flood day. */
function calendar(total: number): Date[] {
  const random = rng(19);
  const days: DateTime[] = [];
  for (let d = DateTime.fromObject({ year: YEAR, month: 1, day: 1 }, { zone: ZONE }); d.year === YEAR; d = d.plus({ days: 1 })) if (d.weekday <= 5) days.push(d);
  const flood = days.findIndex((d) => d.month === 10 && d.day >= 18);
  const weights = days.map((_, i) => (i === flood ? 40 : i > flood - 6 && i < flood ? 25 : 8.5));
  const sum = weights.reduce((a, b) => a + b, 0);
  const out: Date[] = [];
  days.forEach((day, i) => {
    const n = Math.round((weights[i]! / sum) * total);
    for (let k = 0; k < n; k++) {
      // The flood day: 12 in one hour (09:00-10:00), the rest through the day.
      const minute = i === flood && k < 12 ? 9 * 60 + Math.floor(random() * 60) : 7 * 60 + Math.floor(random() * 12 * 60);
      out.push(day.set({ hour: 0, minute: 0, second: 0, millisecond: 0 }).plus({ minutes: minute }).toJSDate());
    }
  });
  // Rounding leaves a few over or short: the rest go to ordinary days, one each.
  for (let i = 0; out.length < total; i = (i + 7) % days.length) {
    if (i === flood || (i > flood - 6 && i < flood)) continue;
    out.push(days[i]!.set({ hour: 0, minute: 0, second: 0, millisecond: 0 }).plus({ minutes: 7 * 60 + Math.floor(random() * 12 * 60) }).toJSDate());
  }
  return out.sort((a, b) => a.getTime() - b.getTime()).slice(0, total);
}

async function main(): Promise<void> {
  const total = Number(argValue('comunicados') ?? 2500);
  let clock = Date.parse(`${YEAR}-01-01T05:00:00Z`);
  const now = () => new Date(clock);

  const graph = new GraphFake();
  await graph.start();
  graph.clock = () => clock;
  graph
    .addPage('111', 'Alcaldía de Ibagué')
    .addPage('222', 'Alcalde de Ibagué')
    .addToken(TOKENS.fbA, { kind: 'PAGE', id: '111', name: 'Alcaldía de Ibagué' })
    .addToken(TOKENS.fbB, { kind: 'PAGE', id: '222', name: 'Alcalde de Ibagué' })
    .addToken(TOKENS.igA, { kind: 'USER', id: '9001', name: 'Redes Alcaldía' })
    .addToken(TOKENS.igB, { kind: 'USER', id: '9002', name: 'Redes Alcalde' })
    .addIgUser('178400000001', 'alcaldiadeibague')
    .addIgUser('178400000002', 'alcaldedeibague');
  const portal = await startFakeHttpPortal(PORTAL_SECRET, { clock: () => clock });
  const x = await startFakeX({ accounts: [X_A, X_B] });
  const yt = await startFakeYoutube({
    accounts: [
      { refreshToken: 'yt-refresh-alcaldia-bench', channelId: 'UC_alcaldia', title: 'Alcaldía' },
      { refreshToken: 'yt-refresh-alcalde-bench', channelId: 'UC_alcalde', title: 'Alcalde' },
    ],
    clientId: 'yt-id-bench',
    clientSecret: 'yt-secret-bench',
  });
  try {
    const config = parseConfig({
      office: { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué', timezone: ZONE },
      approval: { approvers: { slack: ['U0JEFE'] } },
      portal: { type: 'http' },
      figures: { x: { read: true } },
      accounts: {
        alcaldia: {
          facebook: { pageId: '111', tokenEnv: 'FB_A' },
          instagram: { userId: '178400000001', tokenEnv: 'IG_A' },
          x: { handle: 'AlcaldiaIbague', appKeyEnv: 'X_KEY', appSecretEnv: 'X_SECRET', accessTokenEnv: 'X_A', accessSecretEnv: 'X_A_S' },
          youtube: { clientIdEnv: 'YT_ID', clientSecretEnv: 'YT_SECRET', refreshTokenEnv: 'YT_A' },
        },
        alcalde: {
          facebook: { pageId: '222', tokenEnv: 'FB_B' },
          instagram: { userId: '178400000002', tokenEnv: 'IG_B' },
          x: { handle: 'AlcaldeIbague', appKeyEnv: 'X_KEY', appSecretEnv: 'X_SECRET', accessTokenEnv: 'X_B', accessSecretEnv: 'X_B_S' },
          youtube: { clientIdEnv: 'YT_ID', clientSecretEnv: 'YT_SECRET', refreshTokenEnv: 'YT_B' },
        },
      },
    });
    const env = readEnv({
      DATA_DIR: '/nonexistent',
      PORTAL_URL: portal.url,
      PORTAL_HMAC_SECRET: PORTAL_SECRET,
      GRAPH_API_URL: graph.url,
      FB_A: TOKENS.fbA,
      FB_B: TOKENS.fbB,
      IG_A: TOKENS.igA,
      IG_B: TOKENS.igB,
      X_API_URL: x.url,
      X_KEY: X_APP.consumerKey,
      X_SECRET: X_APP.consumerSecret,
      X_A: X_A.accessToken,
      X_A_S: X_A.accessSecret,
      X_B: X_B.accessToken,
      X_B_S: X_B.accessSecret,
      ...yt.env,
      YT_ID: 'yt-id-bench',
      YT_SECRET: 'yt-secret-bench',
      YT_A: 'yt-refresh-alcaldia-bench',
      YT_B: 'yt-refresh-alcalde-bench',
    });
    const store = new MemoryStore(now);
    const logger = silentLogger();
    const services = { store, config, env, logger, now } as unknown as Services;
    const readers = createFigureReaders({ config, env, now, logger, xAgent: new Agent({ ca: x.ca, keepAlive: true }) });
    const poller = new FiguresPoller(services, readers);
    const rules = rulesFrom(config);

    const times = calendar(total);
    detail(`${count(times.length)} comunicados × ${DESTINATIONS.length} destinations, readings at +1 h, +24 h, +7 d; ${count(times.length * DESTINATIONS.length * 3)} readings planned`);
    const graphHour = new Map<string, number>(); // `${hour}|${caller}` -> calls
    const ytDay = new Map<string, number>();
    const xMonth = new Map<string, number>();
    let gSeen = 0;
    let ySeen = 0;
    let xSeen = 0;
    const account = (): void => {
      const hour = new Date(clock).toISOString().slice(0, 13);
      for (; gSeen < graph.requests.length; gSeen++) {
        const key = `${hour}|${graph.requests[gSeen]!.caller ?? '?'}`;
        graphHour.set(key, (graphHour.get(key) ?? 0) + 1);
      }
      const day = DateTime.fromMillis(clock, { zone: 'America/Los_Angeles' }).toISODate()!; // YouTube's quota day
      for (; ySeen < yt.requests.length; ySeen++) if (yt.requests[ySeen]!.method === 'GET' && yt.requests[ySeen]!.path === '/youtube/v3/videos') ytDay.set(day, (ytDay.get(day) ?? 0) + 1);
      const month = new Date(clock).toISOString().slice(0, 7);
      for (; xSeen < x.requests.length; xSeen++) if (x.requests[xSeen]!.method === 'GET' && x.requests[xSeen]!.path.startsWith('/2/tweets/')) xMonth.set(month, (xMonth.get(month) ?? 0) + 1);
    };

    const started = performance.now();
    let next = 0;
    const end = Date.parse(`${YEAR + 1}-01-09T00:00:00Z`);
    for (; clock < end; clock += HOUR) {
      // Publications of this hour: created on the platforms and scheduled for reading.
      while (next < times.length && times[next]!.getTime() <= clock) {
        const n = next + 1;
        const at = times[next]!;
        const id = `C-${YEAR}-${String(n).padStart(4, '0')}`;
        const c = published(id, n, at, rules, DESTINATIONS);
        const ids: Record<string, string> = {
          'portal:noticia': String(100_000 + n),
          'facebook:alcaldia': `111_${n}`,
          'facebook:alcalde': `222_${n}`,
          'instagram:alcaldia': `17900${n}`,
          'instagram:alcalde': `17800${n}`,
          'x:alcaldia': `19${String(n).padStart(17, '0')}`,
          'x:alcalde': `29${String(n).padStart(17, '0')}`,
          'youtube:alcaldia': `vA${String(n).padStart(9, '0')}`,
          'youtube:alcalde': `vB${String(n).padStart(9, '0')}`,
        };
        for (const [d, remote] of Object.entries(ids)) c.deliveries[d]!.remoteId = remote;
        await store.create(c);
        portal.items.push({ id: ids['portal:noticia']!, url: `${portal.url}/c/${n}`, doc: { slug: `c-${n}`, attachments: [] }, files: {}, views: n });
        for (const [page, key] of [['111', 'facebook:alcaldia'], ['222', 'facebook:alcalde']] as const) {
          graph.posts.set(ids[key]!, { id: ids[key]!, createdAt: at.getTime(), pageId: page, attached: [], deleted: false });
          graph.figures.set(ids[key]!, { reactions: n % 97, comments: n % 13, shares: n % 7, post_total_media_view_unique: 1000 + n, post_media_view: 1500 + n });
        }
        for (const [user, key] of [['178400000001', 'instagram:alcaldia'], ['178400000002', 'instagram:alcalde']] as const) {
          graph.igMedia.set(ids[key]!, { id: ids[key]!, createdAt: at.getTime(), userId: user, containerId: `c${n}`, permalink: `https://www.instagram.com/p/${n}/` });
        }
        for (const [channel, key] of [['UC_alcaldia', 'youtube:alcaldia'], ['UC_alcalde', 'youtube:alcalde']] as const) {
          yt.videos.set(ids[key]!, { id: ids[key]!, channelId: channel, sha256: '', bytes: 1, title: id, description: '', privacyStatus: 'public', categoryId: '25', tags: [], createdAt: at.getTime(), stats: { views: n, likes: 1, comments: 0 } });
        }
        for (const [author, key] of [['1111', 'x:alcaldia'], ['2222', 'x:alcalde']] as const) x.tweets.set(ids[key]!, { id: ids[key]!, text: id, mediaIds: [], authorId: author, metrics: { impression_count: n } });
        await poller.schedule((await store.get(id))!);
        next++;
      }
      await poller.tick();
      account();
    }
    const elapsed = (performance.now() - started) / 1000;

    const readings = (await Promise.all(times.map((_, i) => store.get(`C-${YEAR}-${String(i + 1).padStart(4, '0')}`)))).flatMap((c) => Object.values(c!.deliveries).map((d) => d.figures?.readings.length ?? 0));
    const done = readings.reduce((a, b) => a + b, 0);
    detail(`${count(done)} readings done in ${elapsed.toFixed(0)} s of wall time (a year of virtual time)`);

    const peakGraph = [...graphHour.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['-|-', 0];
    const perCaller = new Map<string, number>();
    for (const [key, n] of graphHour) {
      const caller = key.split('|')[1]!;
      perCaller.set(caller, Math.max(perCaller.get(caller) ?? 0, n));
    }
    const peakYt = Math.max(0, ...ytDay.values());
    const peakX = Math.max(0, ...xMonth.values());
    const xYear = [...xMonth.values()].reduce((a, b) => a + b, 0);
    let ok = true;
    ok = verdict('Graph calls per hour at the peak, per user (token)', `${count(peakGraph[1])} (${peakGraph[0].replace('|', ' UTC, ')}) = ${((100 * peakGraph[1]) / GRAPH_CALLS_PER_USER_HOUR).toFixed(1)} % of ${GRAPH_CALLS_PER_USER_HOUR}/h`, peakGraph[1] < 0.1 * GRAPH_CALLS_PER_USER_HOUR, '< 10 %') && ok;
    detail(`peak per token: ${[...perCaller.entries()].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    ok = verdict('YouTube quota units per day at the peak', `${count(peakYt)} = ${((100 * peakYt) / YOUTUBE_UNITS_PER_DAY).toFixed(2)} % of ${count(YOUTUBE_UNITS_PER_DAY)}/day`, peakYt < 0.1 * YOUTUBE_UNITS_PER_DAY, '< 10 %') && ok;
    ok = verdict('X post reads per month at the peak', `${count(peakX)} = ${((100 * peakX) / X_POST_READS_PER_MONTH).toFixed(3)} % of ${count(X_POST_READS_PER_MONTH)}/month`, peakX < 0.1 * X_POST_READS_PER_MONTH, '< 10 %') && ok;
    detail(`X reads in the year: ${count(xYear)} ≈ US$${(xYear * X_USD_PER_POST_READ).toFixed(2)} at US$${X_USD_PER_POST_READ} per post read (figures.x.read: true)`);
    finish(ok);
  } finally {
    await Promise.all([graph.stop(), portal.close(), x.close(), yt.close()]);
  }
}

await runMain(main);
