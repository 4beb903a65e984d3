import { Agent } from 'node:https';
import type { Comunicado, Delivery } from '../../../src/domain/comunicado.ts';
import type { PublisherDeps } from '../../../src/publish/deps.ts';
import { createPortalPublishers } from '../../../src/publish/portal/index.ts';
import type { MediaHost, PublishContext, Publisher, PublishResult } from '../../../src/publish/port.ts';
import type { PublisherFactory } from '../../../src/publish/registry.ts';
import { createFacebookPublishers } from '../../../src/publish/social/facebook.ts';
import { createInstagramPublishers } from '../../../src/publish/social/instagram.ts';
import { createXPublishers } from '../../../src/publish/social/x/factory.ts';
import { createYoutubePublishers } from '../../../src/publish/social/youtube/factory.ts';
import { GraphFake } from '../../fakes/graph/graph-fake.ts';
import { FakeMediaHost } from '../../fakes/graph/media-host.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from '../../fakes/portal/http-receiver.ts';
import { testCertificate } from '../../fakes/x/certificate.ts';
import { startFakeX, type FakeX } from '../../fakes/x/server.ts';
import { startFakeYoutube, type FakeYoutube } from '../../fakes/youtube/server.ts';
import { startDelayProxy, type DelayProxy } from './delay-proxy.ts';

/**
 * The real publishers of every destination against the local fakes the other engineers
 * wrote, each fake behind a proxy that answers after `delayMs`: the generic http portal
 * receiver, the Graph fake (Facebook and Instagram, both identities), the X fake (HTTPS,
 * OAuth 1.0a checked) and the YouTube fake (OAuth token, resumable upload).
 */
export interface PublishFakes {
  env: Record<string, string>;
  accounts: Record<string, unknown>;
  portalConfig: Record<string, unknown>;
  factories: PublisherFactory[];
  proxies: Record<'portal' | 'graph' | 'x' | 'youtube', DelayProxy>;
  mediaHostUploads(): number;
  portal: FakeHttpPortal;
  graph: GraphFake;
  x: FakeX;
  youtube: FakeYoutube;
  close(): Promise<void>;
}

const PAGES = { alcaldia: '104000000000001', alcalde: '104000000000002' };
const IG_USERS = { alcaldia: '17841400000000001', alcalde: '17841400000000002' };

/** The portal's media hosting (Instagram needs public image URLs), answering after the delay too. */
class DelayedMediaHost implements MediaHost {
  uploads = 0;
  constructor(
    private readonly inner: FakeMediaHost,
    private readonly delayMs: number,
  ) {}
  async upload(file: { path: string; filename: string; mime: string; alt?: string }): Promise<{ id: string; url: string }> {
    this.uploads += 1;
    await new Promise((r) => setTimeout(r, this.delayMs));
    return this.inner.upload(file);
  }
}

/** The generic http portal does not host media; a real portal does, so the bench lends it one. */
class PortalWithMediaHost implements Publisher {
  readonly destination;
  readonly dryRun;
  constructor(
    private readonly inner: Publisher,
    readonly mediaHost: MediaHost,
  ) {
    this.destination = inner.destination;
    this.dryRun = inner.dryRun;
  }
  publish(c: Comunicado, ctx: PublishContext): Promise<PublishResult> {
    return this.inner.publish(c, ctx);
  }
  reconcile(c: Comunicado, d: Delivery, ctx: PublishContext): Promise<PublishResult | null> {
    return this.inner.reconcile ? this.inner.reconcile(c, d, ctx) : Promise.resolve(null);
  }
}

export async function startPublishFakes(delayMs: number): Promise<PublishFakes> {
  const secret = 'bench-portal-hmac-secret-0123456789';
  const portal = await startFakeHttpPortal(secret);

  const graph = new GraphFake();
  await graph.start();
  const env: Record<string, string> = { PORTAL_HMAC_SECRET: secret };
  const accounts: Record<string, Record<string, unknown>> = { alcaldia: { name: 'Alcaldía de Ibagué' }, alcalde: { name: 'Alcalde de Ibagué' } };
  for (const who of ['alcaldia', 'alcalde'] as const) {
    const up = who.toUpperCase();
    graph.addPage(PAGES[who], `Página ${who}`).addToken(`EAAB-page-${who}-0123456789`, { kind: 'PAGE', id: PAGES[who], name: `Página ${who}` });
    graph.addIgUser(IG_USERS[who], `ig_${who}`).addToken(`EAAB-ig-${who}-0123456789`, { kind: 'USER', id: '99887766', name: 'Equipo de redes' });
    env[`FB_${up}_TOKEN`] = `EAAB-page-${who}-0123456789`;
    env[`IG_${up}_TOKEN`] = `EAAB-ig-${who}-0123456789`;
    env[`X_${up}_ACCESS_TOKEN`] = `${who}-access-token-0123456789`;
    env[`X_${up}_ACCESS_SECRET`] = `${who}-access-secret-0123456789`;
    env[`YT_${up}_REFRESH`] = `1//refresh-${who}-0123456789`;
    accounts[who]!.facebook = { pageId: PAGES[who], tokenEnv: `FB_${up}_TOKEN` };
    accounts[who]!.instagram = { userId: IG_USERS[who], tokenEnv: `IG_${up}_TOKEN` };
    accounts[who]!.x = { handle: `ibague_${who}`, appKeyEnv: 'X_APP_KEY', appSecretEnv: 'X_APP_SECRET', accessTokenEnv: `X_${up}_ACCESS_TOKEN`, accessSecretEnv: `X_${up}_ACCESS_SECRET` };
    accounts[who]!.youtube = { clientIdEnv: 'YT_CLIENT_ID', clientSecretEnv: 'YT_CLIENT_SECRET', refreshTokenEnv: `YT_${up}_REFRESH` };
  }
  env.X_APP_KEY = 'bench-consumer-key';
  env.X_APP_SECRET = 'bench-consumer-secret-0123456789';
  env.YT_CLIENT_ID = 'bench-client.apps.googleusercontent.com';
  env.YT_CLIENT_SECRET = 'bench-client-secret-0123456789';

  const certificate = await testCertificate();
  const x = await startFakeX({
    certificate,
    accounts: (['alcaldia', 'alcalde'] as const).map((who, i) => ({
      consumerKey: env.X_APP_KEY!,
      consumerSecret: env.X_APP_SECRET!,
      accessToken: env[`X_${who.toUpperCase()}_ACCESS_TOKEN`]!,
      accessSecret: env[`X_${who.toUpperCase()}_ACCESS_SECRET`]!,
      userId: String(1_500_000_000 + i),
      username: `ibague_${who}`,
      name: who,
    })),
  });
  const youtube = await startFakeYoutube({
    clientId: env.YT_CLIENT_ID,
    clientSecret: env.YT_CLIENT_SECRET,
    accounts: (['alcaldia', 'alcalde'] as const).map((who, i) => ({ refreshToken: env[`YT_${who.toUpperCase()}_REFRESH`]!, channelId: `UCbench${i}`, title: `Canal ${who}` })),
  });

  const proxies = {
    portal: await startDelayProxy({ target: portal.url, delayMs }),
    graph: await startDelayProxy({ target: graph.url, delayMs }),
    x: await startDelayProxy({ target: x.url, delayMs, tls: certificate }),
    youtube: await startDelayProxy({ target: youtube.url, delayMs }),
  };
  const portalPath = new URL(portal.url).pathname;
  env.PORTAL_URL = `${proxies.portal.url}${portalPath}`;
  env.GRAPH_API_URL = proxies.graph.url;
  env.X_API_URL = proxies.x.url;
  env.YOUTUBE_API_URL = `${proxies.youtube.url}/youtube/v3`;
  env.YOUTUBE_UPLOAD_URL = `${proxies.youtube.url}/upload/youtube/v3`;
  env.YOUTUBE_OAUTH_URL = `${proxies.youtube.url}/token`;

  const hostFake = new FakeMediaHost();
  await hostFake.start();
  const mediaHost = new DelayedMediaHost(hostFake, delayMs);
  const agent = new Agent({ ca: certificate.cert, keepAlive: true });

  const factories: PublisherFactory[] = [
    (deps: PublisherDeps) => createPortalPublishers(deps).map((p) => (p.destination === 'portal:noticia' ? new PortalWithMediaHost(p, mediaHost) : p)),
    (deps) => createFacebookPublishers(deps),
    (deps) => createInstagramPublishers(deps),
    (deps) => createXPublishers(deps, { agent }),
    (deps) => createYoutubePublishers(deps),
  ];

  return {
    env,
    accounts,
    portalConfig: { type: 'http', urlEnv: 'PORTAL_URL', secretEnv: 'PORTAL_HMAC_SECRET' },
    factories,
    proxies,
    mediaHostUploads: () => mediaHost.uploads,
    portal,
    graph,
    x,
    youtube,
    async close() {
      agent.destroy();
      for (const p of Object.values(proxies)) await p.close();
      await Promise.all([portal.close(), graph.stop(), x.close(), youtube.close(), hostFake.stop()]);
    },
  };
}
