import { createReadStream, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';
import sharp from 'sharp';
import { createApp, type App } from '../../src/app.ts';
import type { IncomingFile } from '../../src/chat/port.ts';
import { readEnv } from '../../src/config/env.ts';
import { parseConfig } from '../../src/config/load.ts';
import { createPortalPublishers } from '../../src/publish/portal/index.ts';
import { createFacebookPublishers } from '../../src/publish/social/facebook.ts';
import { createInstagramPublishers } from '../../src/publish/social/instagram.ts';
import { createXPublishers } from '../../src/publish/social/x/factory.ts';
import { createYoutubePublishers } from '../../src/publish/social/youtube/factory.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { GraphFake } from './graph/graph-fake.ts';
import { FakeMediaHost } from './graph/media-host.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from './portal/http-receiver.ts';
import { RecordingChat } from './recording-chat.ts';
import { testLogger } from './test-logs.ts';
import type { Logger } from '../../src/util/logger.ts';
import { startFakeX, type FakeX } from './x/server.ts';
import { startFakeYoutube, type FakeYoutube } from './youtube/server.ts';
import { SECRET_VALUES, TEST_SECRETS } from '../fixtures/secrets.ts';

const X_APP = { consumerKey: 'x-app-key-e2e', consumerSecret: 'x-app-secret-e2e' };
const X_ALCALDIA = { ...X_APP, accessToken: '1111-x-alcaldia-e2e', accessSecret: 'x-alcaldia-secret-e2e', userId: '1111', username: 'AlcaldiaIbague', name: 'Alcaldía' };
const X_ALCALDE = { ...X_APP, accessToken: '2222-x-alcalde-e2e', accessSecret: 'x-alcalde-secret-e2e', userId: '2222', username: 'AlcaldeIbague', name: 'Alcalde' };
const YT = { clientId: 'yt-client-e2e', clientSecret: 'yt-secret-e2e' };
const IG_TOKENS = { alcaldia: 'EAA-ig-e2e-alcaldia-000000', alcalde: 'EAA-ig-e2e-alcalde-0000000' };

export const ALL_DESTINATIONS = ['portal:noticia', 'facebook:alcaldia', 'facebook:alcalde', 'instagram:alcaldia', 'instagram:alcalde', 'x:alcaldia', 'x:alcalde', 'youtube:alcaldia', 'youtube:alcalde'];

const CONFIG = {
  office: { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué' },
  approval: { approvers: { console: ['jefe'] } },
  portal: { type: 'http' },
  accounts: {
    alcaldia: {
      facebook: { pageId: '111', tokenEnv: 'FB_ALCALDIA' },
      instagram: { userId: '178400000001', tokenEnv: 'IG_ALCALDIA' },
      x: { handle: 'AlcaldiaIbague', appKeyEnv: 'X_KEY', appSecretEnv: 'X_SECRET', accessTokenEnv: 'X_ALCALDIA', accessSecretEnv: 'X_ALCALDIA_S' },
      youtube: { clientIdEnv: 'YT_ID', clientSecretEnv: 'YT_SECRET', refreshTokenEnv: 'YT_ALCALDIA' },
    },
    alcalde: {
      facebook: { pageId: '222', tokenEnv: 'FB_ALCALDE' },
      instagram: { userId: '178400000002', tokenEnv: 'IG_ALCALDE' },
      x: { handle: 'AlcaldeIbague', appKeyEnv: 'X_KEY', appSecretEnv: 'X_SECRET', accessTokenEnv: 'X_ALCALDE', accessSecretEnv: 'X_ALCALDE_S' },
      youtube: { clientIdEnv: 'YT_ID', clientSecretEnv: 'YT_SECRET', refreshTokenEnv: 'YT_ALCALDE' },
    },
  },
};

export interface Platforms {
  graph: GraphFake;
  host: FakeMediaHost;
  portal: FakeHttpPortal;
  x: FakeX;
  yt: FakeYoutube;
  app: App;
  chat: RecordingChat;
  /** Every wait the engine took instead of sleeping (ms). */
  sleeps: number[];
  close(): Promise<void>;
}

/**
 * The portal (generic HTTP receiver), Facebook and Instagram (Graph fake), X (HTTPS fake)
 * and YouTube (fake) for both identities, and the real app wired to them with the real
 * publishers. The engine's waits are recorded instead of slept.
 */
export interface PlatformOptions {
  /** Extensions of the app (default none); they get the TLS agent that trusts the X fake. */
  extensions?: (services: App['services'], fakes: { xAgent: Agent }) => ReturnType<NonNullable<Parameters<typeof createApp>[0]['extensions']>>;
  /** Config keys merged over the test config (top-level sections replaced, e.g. `approval`, `publicUrl`). */
  config?: Record<string, unknown>;
  /** More environment variables (SMTP_URL, MAIL_FROM...). */
  env?: Record<string, string>;
  /** The app's clock (default: the wall clock). */
  now?: () => Date;
  /** Replaces the test log file (a test that reads what was logged). */
  logger?: Logger;
  /** Graph client timeout (ms) for Facebook and Instagram, for a fake that never answers. */
  graphTimeoutMs?: number;
}

export async function startPlatforms(dir: string, options: PlatformOptions = {}): Promise<Platforms> {
  const graph = new GraphFake();
  await graph.start();
  graph
    .addPage('111', 'Alcaldía de Ibagué')
    .addPage('222', 'Alcalde de Ibagué')
    .addToken(TEST_SECRETS.facebookPage, { kind: 'PAGE', id: '111', name: 'Alcaldía de Ibagué' })
    .addToken(TEST_SECRETS.facebookPageMayor, { kind: 'PAGE', id: '222', name: 'Alcalde de Ibagué' })
    .addToken(IG_TOKENS.alcaldia, { kind: 'USER', id: '9001', name: 'Redes' })
    .addToken(IG_TOKENS.alcalde, { kind: 'USER', id: '9002', name: 'Redes' })
    .addIgUser('178400000001', 'alcaldiadeibague')
    .addIgUser('178400000002', 'alcaldedeibague');
  const host = new FakeMediaHost();
  await host.start();
  const portal = await startFakeHttpPortal(TEST_SECRETS.portalHmac, options.now ? { clock: () => options.now!().getTime() } : {});
  const x = await startFakeX({ accounts: [X_ALCALDIA, X_ALCALDE] });
  const yt = await startFakeYoutube({
    accounts: [
      { refreshToken: 'yt-refresh-alcaldia-e2e', channelId: 'UC_alcaldia', title: 'Alcaldía' },
      { refreshToken: 'yt-refresh-alcalde-e2e', channelId: 'UC_alcalde', title: 'Alcalde' },
    ],
    ...YT,
  });
  const env = readEnv({
    DATA_DIR: join(dir, 'data'),
    PORTAL_URL: portal.url,
    PORTAL_HMAC_SECRET: TEST_SECRETS.portalHmac,
    GRAPH_API_URL: graph.url,
    FB_ALCALDIA: TEST_SECRETS.facebookPage,
    FB_ALCALDE: TEST_SECRETS.facebookPageMayor,
    IG_ALCALDIA: IG_TOKENS.alcaldia,
    IG_ALCALDE: IG_TOKENS.alcalde,
    X_API_URL: x.url,
    X_KEY: X_APP.consumerKey,
    X_SECRET: X_APP.consumerSecret,
    X_ALCALDIA: X_ALCALDIA.accessToken,
    X_ALCALDIA_S: X_ALCALDIA.accessSecret,
    X_ALCALDE: X_ALCALDE.accessToken,
    X_ALCALDE_S: X_ALCALDE.accessSecret,
    ...yt.env,
    YT_ID: YT.clientId,
    YT_SECRET: YT.clientSecret,
    YT_ALCALDIA: 'yt-refresh-alcaldia-e2e',
    YT_ALCALDE: 'yt-refresh-alcalde-e2e',
    ...options.env,
  });
  const agent = new Agent({ ca: x.ca });
  const chat = new RecordingChat();
  const sleeps: number[] = [];
  const app = createApp({
    env,
    config: parseConfig({ ...CONFIG, ...options.config }),
    store: new MemoryStore(options.now),
    chats: [chat],
    logger: options.logger ?? testLogger('platforms', SECRET_VALUES),
    mediaHost: host,
    extensions: (services) => options.extensions?.(services, { xAgent: agent }) ?? [],
    ...(options.now ? { now: options.now } : {}),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    publisherFactories: [
      createPortalPublishers,
      (d) => createFacebookPublishers(d, { sleep: async () => {}, ...(options.graphTimeoutMs ? { timeoutMs: options.graphTimeoutMs } : {}) }),
      (d) => createInstagramPublishers(d, { sleep: async () => {}, ...(options.graphTimeoutMs ? { timeoutMs: options.graphTimeoutMs } : {}) }),
      (d) => createXPublishers(d, { agent }),
      (d) => createYoutubePublishers(d),
    ],
  });
  await app.start();
  return {
    graph,
    host,
    portal,
    x,
    yt,
    app,
    chat,
    sleeps,
    async close() {
      await app.stop();
      await Promise.all([graph.stop(), host.stop(), portal.close(), x.close(), yt.close()]);
    },
  };
}

function localFile(path: string, alt?: string): IncomingFile {
  return { filename: path.split('/').pop()!, ...(alt ? { alt } : {}), open: async () => createReadStream(path) };
}

/** Three generated photos with alt text and a minimal MP4, as chat files. */
export async function mediaFiles(dir: string): Promise<IncomingFile[]> {
  const photos: IncomingFile[] = [];
  for (const [i, color] of ['#d62828', '#f77f00', '#003049'].entries()) {
    const p = join(dir, `foto${i + 1}.jpg`);
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: color } }).jpeg().toFile(p);
    photos.push(localFile(p, `Foto ${i + 1} de la entrega de luminarias`));
  }
  const video = join(dir, 'recorrido.mp4');
  // A minimal MP4: an ftyp box (what identifies the format) and some media data.
  writeFileSync(video, Buffer.concat([Buffer.from('0000001866747970', 'hex'), Buffer.from('mp42\0\0\0\0mp42isom', 'latin1'), Buffer.alloc(300_000, 7)]));
  // Its captions, by the same base name (a video cannot be approved without them).
  const captions = join(dir, 'recorrido.srt');
  writeFileSync(captions, '1\n00:00:00,500 --> 00:00:03,000\nRecorrido por las calles con luminarias nuevas.\n');
  return [...photos, localFile(video), localFile(captions)];
}

export const ORIGIN = { platform: 'console' as const, channel: 'comunicados', messageId: 'u1' };

/** Submits as the redactora and approves as the Jefe; returns the id once publishing settled. */
export async function submitAndApprove(p: Platforms, files: IncomingFile[], destinations = ALL_DESTINATIONS): Promise<string> {
  await p.app.handle({
    type: 'command',
    name: 'comunicado',
    text: ['Alcaldía entrega 120 luminarias en el Jordán', '', 'La obra mejora la seguridad de 3.000 habitantes.', '', 'Detalles de la obra. #IbaguéBrilla', `destinos: ${destinations.join(', ')}`].join('\n'),
    files,
    eventKey: `submit-${Date.now()}`,
    actor: { platform: 'console', userId: 'redactora' },
    origin: ORIGIN,
  });
  // The latest submission (a test may submit more than one).
  const id = [...p.chat.texts().join('\n').matchAll(/Recibido: (C-\d{4}-\d{4})/g)].at(-1)![1]!;
  await p.app.handle({ type: 'action', action: 'approve', value: id, eventKey: `approve-${id}`, actor: { platform: 'console', userId: 'jefe' }, origin: ORIGIN });
  await p.app.idle();
  return id;
}
