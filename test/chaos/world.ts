import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { GraphFake } from '../fakes/graph/graph-fake.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from '../fakes/portal/http-receiver.ts';
import type { TestCertificate } from '../fakes/x/certificate.ts';
import { startFakeX, type FakeX } from '../fakes/x/server.ts';
import { startFakeYoutube, type FakeYoutube } from '../fakes/youtube/server.ts';
import { TEST_SECRETS } from '../fixtures/secrets.ts';
import { ChaosProxy, type TcpFault } from './tcp-chaos.ts';

/**
 * One run's world: the portal (HTTP receiver), Facebook and Instagram (Graph fake), X and
 * YouTube fakes for both identities, each behind its own ChaosProxy, and the config file
 * and environment that point a bot process at the proxies.
 */

export const DESTINATIONS = ['portal:noticia', 'facebook:alcaldia', 'facebook:alcalde', 'instagram:alcaldia', 'instagram:alcalde', 'x:alcaldia', 'x:alcalde', 'youtube:alcaldia', 'youtube:alcalde'] as const;
export type Destination = (typeof DESTINATIONS)[number];
export const PLATFORMS = ['portal', 'graph', 'x', 'youtube'] as const;
export type Platform = (typeof PLATFORMS)[number];

const X_APP = { consumerKey: 'x-app-key-chaos', consumerSecret: 'x-app-secret-chaos' };
const X_ALCALDIA = { ...X_APP, accessToken: '1111-x-alcaldia-chaos', accessSecret: 'x-alcaldia-secret-chaos', userId: '1111', username: 'AlcaldiaIbague', name: 'Alcaldía' };
const X_ALCALDE = { ...X_APP, accessToken: '2222-x-alcalde-chaos', accessSecret: 'x-alcalde-secret-chaos', userId: '2222', username: 'AlcaldeIbague', name: 'Alcalde' };
const YT = { clientId: 'yt-client-chaos', clientSecret: 'yt-secret-chaos' };
const IG_TOKENS = { alcaldia: 'EAA-ig-chaos-alcaldia-000000', alcalde: 'EAA-ig-chaos-alcalde-0000000' };
const PAGE = { alcaldia: '111', alcalde: '222' } as const;
const IG_USER = { alcaldia: '178400000001', alcalde: '178400000002' } as const;
const X_USER = { alcaldia: '1111', alcalde: '2222' } as const;
const CHANNEL = { alcaldia: 'UC_alcaldia', alcalde: 'UC_alcalde' } as const;

export const CONFIG = {
  office: { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué' },
  approval: { approvers: { console: ['jefe'] } },
  portal: { type: 'http', timeoutSeconds: 10 },
  accounts: {
    alcaldia: {
      facebook: { pageId: PAGE.alcaldia, tokenEnv: 'FB_ALCALDIA' },
      instagram: { userId: IG_USER.alcaldia, tokenEnv: 'IG_ALCALDIA' },
      // lookupPosts: after a crash the bot looks for the post in the account's recent posts.
      x: { handle: 'AlcaldiaIbague', appKeyEnv: 'X_KEY', appSecretEnv: 'X_SECRET', accessTokenEnv: 'X_ALCALDIA', accessSecretEnv: 'X_ALCALDIA_S', lookupPosts: true },
      // channelId: the uploads-playlist lookup checks it is looking at this channel.
      youtube: { channelId: CHANNEL.alcaldia, clientIdEnv: 'YT_ID', clientSecretEnv: 'YT_SECRET', refreshTokenEnv: 'YT_ALCALDIA' },
    },
    alcalde: {
      facebook: { pageId: PAGE.alcalde, tokenEnv: 'FB_ALCALDE' },
      instagram: { userId: IG_USER.alcalde, tokenEnv: 'IG_ALCALDE' },
      x: { handle: 'AlcaldeIbague', appKeyEnv: 'X_KEY', appSecretEnv: 'X_SECRET', accessTokenEnv: 'X_ALCALDE', accessSecretEnv: 'X_ALCALDE_S', lookupPosts: true },
      youtube: { channelId: CHANNEL.alcalde, clientIdEnv: 'YT_ID', clientSecretEnv: 'YT_SECRET', refreshTokenEnv: 'YT_ALCALDE' },
    },
  },
};

function merge(a: unknown, b: unknown): unknown {
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) || Array.isArray(b)) return b;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v);
  return out;
}

export interface WorldOptions {
  dir: string;
  dataDir: string;
  certificate: TestCertificate;
  caFile: string;
  random: () => number;
  latencyMs: [number, number];
  /** Per platform: how long a new post stays out of the listings. */
  lagMs: Record<'portal' | 'graph', number>;
  faults: Partial<Record<Platform, TcpFault>>;
  /** YAML merged into the generated config (e.g. the settle window once it exists). */
  configExtra?: string;
}

export interface World {
  portal: FakeHttpPortal;
  graph: GraphFake;
  x: FakeX;
  yt: FakeYoutube;
  proxies: Record<Platform, ChaosProxy>;
  env: Record<string, string>;
  /** The generated config (CONFIG with --config-extra merged in), as the bot reads it. */
  config: Record<string, unknown>;
  /** Posts each destination holds on the platform right now (the truth a person sees). */
  posts(): Record<Destination, number>;
  /** Create calls each destination's platform received in full (may have acted). */
  creates(): Record<Destination, number>;
  /** Live social posts whose text carries a short link (`/l/<code>`, figures.shortLinks.socialPosts). */
  shortLinked(): Record<Destination, number>;
  setT0(t: number): void;
  faultsOff(): void;
  close(): Promise<void>;
}

const account = (d: Destination) => d.split(':')[1] as 'alcaldia' | 'alcalde';

export async function startWorld(o: WorldOptions): Promise<World> {
  const graph = new GraphFake();
  await graph.start();
  graph
    .addPage(PAGE.alcaldia, 'Alcaldía de Ibagué')
    .addPage(PAGE.alcalde, 'Alcalde de Ibagué')
    .addToken(TEST_SECRETS.facebookPage, { kind: 'PAGE', id: PAGE.alcaldia, name: 'Alcaldía de Ibagué' })
    .addToken(TEST_SECRETS.facebookPageMayor, { kind: 'PAGE', id: PAGE.alcalde, name: 'Alcalde de Ibagué' })
    .addToken(IG_TOKENS.alcaldia, { kind: 'USER', id: '9001', name: 'Redes' })
    .addToken(IG_TOKENS.alcalde, { kind: 'USER', id: '9002', name: 'Redes' })
    .addIgUser(IG_USER.alcaldia, 'alcaldiadeibague')
    .addIgUser(IG_USER.alcalde, 'alcaldedeibague');
  graph.listingLagMs = o.lagMs.graph;
  const portal = await startFakeHttpPortal(TEST_SECRETS.portalHmac, { listingLagMs: o.lagMs.portal });
  const x = await startFakeX({ accounts: [X_ALCALDIA, X_ALCALDE], certificate: o.certificate });
  const yt = await startFakeYoutube({
    accounts: [
      { refreshToken: 'yt-refresh-alcaldia-chaos', channelId: CHANNEL.alcaldia, title: 'Alcaldía' },
      { refreshToken: 'yt-refresh-alcalde-chaos', channelId: CHANNEL.alcalde, title: 'Alcalde' },
    ],
    ...YT,
  });
  const targets: Record<Platform, string> = { portal: portal.url, graph: graph.url, x: x.url, youtube: yt.url };
  const proxies = {} as Record<Platform, ChaosProxy>;
  const via = {} as Record<Platform, (u: string) => string>;
  for (const p of PLATFORMS) {
    const u = new URL(targets[p]);
    const fault = o.faults[p];
    const proxy = new ChaosProxy({ host: u.hostname, port: Number(u.port) }, { latencyMs: o.latencyMs, random: o.random, ...(fault ? { fault } : {}) });
    await proxy.start();
    proxies[p] = proxy;
    via[p] = (s: string) => s.replace(`${u.hostname}:${u.port}`, `127.0.0.1:${proxy.port}`);
  }

  let config: unknown = CONFIG;
  if (o.configExtra) config = merge(config, parseYaml(o.configExtra));
  writeFileSync(join(o.dir, 'config.yaml'), stringifyYaml(config));
  writeFileSync(o.caFile, o.certificate.cert);

  const env: Record<string, string> = {
    CONFIG_FILE: join(o.dir, 'config.yaml'),
    DATA_DIR: o.dataDir,
    DRY_RUN: '0',
    LOG_LEVEL: 'info',
    NODE_EXTRA_CA_CERTS: o.caFile,
    PORTAL_URL: via.portal(portal.url),
    PORTAL_HMAC_SECRET: TEST_SECRETS.portalHmac,
    GRAPH_API_URL: via.graph(graph.url),
    FB_ALCALDIA: TEST_SECRETS.facebookPage,
    FB_ALCALDE: TEST_SECRETS.facebookPageMayor,
    IG_ALCALDIA: IG_TOKENS.alcaldia,
    IG_ALCALDE: IG_TOKENS.alcalde,
    X_API_URL: via.x(x.url),
    X_KEY: X_APP.consumerKey,
    X_SECRET: X_APP.consumerSecret,
    X_ALCALDIA: X_ALCALDIA.accessToken,
    X_ALCALDIA_S: X_ALCALDIA.accessSecret,
    X_ALCALDE: X_ALCALDE.accessToken,
    X_ALCALDE_S: X_ALCALDE.accessSecret,
    ...Object.fromEntries(Object.entries(yt.env).map(([k, v]) => [k, via.youtube(v)])),
    YT_ID: YT.clientId,
    YT_SECRET: YT.clientSecret,
    YT_ALCALDIA: 'yt-refresh-alcaldia-chaos',
    YT_ALCALDE: 'yt-refresh-alcalde-chaos',
  };

  const per = (f: (d: Destination) => number) => Object.fromEntries(DESTINATIONS.map((d) => [d, f(d)])) as Record<Destination, number>;
  return {
    portal,
    graph,
    x,
    yt,
    proxies,
    env,
    config: config as Record<string, unknown>,
    posts: () =>
      per((d) => {
        const a = account(d);
        if (d === 'portal:noticia') return portal.items.filter((i) => !i.deleted).length;
        if (d.startsWith('facebook:')) return graph.livePosts(PAGE[a]).length;
        if (d.startsWith('instagram:')) return [...graph.igMedia.values()].filter((m) => m.userId === IG_USER[a]).length;
        if (d.startsWith('x:')) return [...x.tweets.values()].filter((t) => t.authorId === X_USER[a]).length;
        return [...yt.videos.values()].filter((v) => v.channelId === CHANNEL[a]).length;
      }),
    shortLinked: () =>
      per((d) => {
        const a = account(d);
        const short = (text: string | undefined) => /\/l\/[A-Za-z0-9]{12}\d{6,}/.test(text ?? '');
        if (d === 'portal:noticia') return 0;
        if (d.startsWith('facebook:')) return graph.livePosts(PAGE[a]).filter((p) => short(p.message)).length;
        if (d.startsWith('instagram:')) return [...graph.igMedia.values()].filter((m) => m.userId === IG_USER[a] && short(m.caption)).length;
        if (d.startsWith('x:')) return [...x.tweets.values()].filter((t) => t.authorId === X_USER[a] && short(t.text)).length;
        return [...yt.videos.values()].filter((v) => v.channelId === CHANNEL[a] && short(v.description)).length;
      }),
    creates: () =>
      per((d) => {
        const a = account(d);
        if (d === 'portal:noticia') return portal.requests.filter((r) => r.method === 'POST' && r.signatureOk).length;
        if (d.startsWith('facebook:')) {
          const page = PAGE[a];
          return graph.requests.filter((r) => r.method === 'POST' && (r.path === `${page}/feed` || (r.path === `${page}/photos` && r.fields['published'] !== 'false'))).length;
        }
        if (d.startsWith('instagram:')) return graph.calls('POST', new RegExp(`^${IG_USER[a]}/media_publish$`)).length;
        if (d.startsWith('x:')) return x.requests.filter((r) => r.method === 'POST' && r.path === '/2/tweets' && r.username === (a === 'alcaldia' ? X_ALCALDIA : X_ALCALDE).username).length;
        // YouTube creates the video when the last byte of the upload arrives.
        return [...yt.sessions.values()].filter((s) => s.channelId === CHANNEL[a] && (s.videoId !== undefined || s.received >= s.total)).length;
      }),
    setT0: (t) => {
      for (const p of PLATFORMS) proxies[p].t0 = t;
    },
    faultsOff: () => {
      for (const p of PLATFORMS) proxies[p].faults = false;
    },
    async close() {
      await Promise.all(PLATFORMS.map((p) => proxies[p].close()));
      await Promise.all([graph.stop(), portal.close(), x.close(), yt.close()]);
    },
  };
}
