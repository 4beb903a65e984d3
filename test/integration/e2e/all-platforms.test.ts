import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.ts';
import type { IncomingFile } from '../../../src/chat/port.ts';
import { readEnv } from '../../../src/config/env.ts';
import { parseConfig } from '../../../src/config/load.ts';
import { createPortalPublishers } from '../../../src/publish/portal/index.ts';
import { createFacebookPublishers } from '../../../src/publish/social/facebook.ts';
import { createInstagramPublishers } from '../../../src/publish/social/instagram.ts';
import { createXPublishers } from '../../../src/publish/social/x.ts';
import { createYoutubePublishers } from '../../../src/publish/social/youtube.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { GraphFake } from '../../fakes/graph/graph-fake.ts';
import { FakeMediaHost } from '../../fakes/graph/media-host.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from '../../fakes/portal/http-receiver.ts';
import { RecordingChat } from '../../fakes/recording-chat.ts';
import { testLogger } from '../../fakes/test-logs.ts';
import { startFakeX, type FakeX } from '../../fakes/x/server.ts';
import { startFakeYoutube, type FakeYoutube } from '../../fakes/youtube/server.ts';
import { SECRET_VALUES, TEST_SECRETS } from '../../fixtures/secrets.ts';

const X_APP = { consumerKey: 'x-app-key-e2e', consumerSecret: 'x-app-secret-e2e' };
const X_ALCALDIA = { ...X_APP, accessToken: '1111-x-alcaldia-e2e', accessSecret: 'x-alcaldia-secret-e2e', userId: '1111', username: 'AlcaldiaIbague', name: 'Alcaldía' };
const X_ALCALDE = { ...X_APP, accessToken: '2222-x-alcalde-e2e', accessSecret: 'x-alcalde-secret-e2e', userId: '2222', username: 'AlcaldeIbague', name: 'Alcalde' };
const YT = { clientId: 'yt-client-e2e', clientSecret: 'yt-secret-e2e' };

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

const DESTINATIONS = ['portal:noticia', 'facebook:alcaldia', 'facebook:alcalde', 'instagram:alcaldia', 'instagram:alcalde', 'x:alcaldia', 'x:alcalde', 'youtube:alcaldia', 'youtube:alcalde'];

function localFile(path: string, alt?: string): IncomingFile {
  return { filename: path.split('/').pop()!, ...(alt ? { alt } : {}), open: async () => createReadStream(path) };
}

describe('an approved comunicado with three photos and a video reaches every platform of both identities', { timeout: 120_000 }, () => {
  let graph: GraphFake;
  let host: FakeMediaHost;
  let portal: FakeHttpPortal;
  let x: FakeX;
  let yt: FakeYoutube;
  let app: App;
  let chat: RecordingChat;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'e2e-all-'));
    graph = new GraphFake();
    await graph.start();
    graph
      .addPage('111', 'Alcaldía de Ibagué')
      .addPage('222', 'Alcalde de Ibagué')
      .addToken(TEST_SECRETS.facebookPage, { kind: 'PAGE', id: '111', name: 'Alcaldía de Ibagué' })
      .addToken(TEST_SECRETS.facebookPageMayor, { kind: 'PAGE', id: '222', name: 'Alcalde de Ibagué' })
      .addToken('EAA-ig-e2e-alcaldia-000000', { kind: 'USER', id: '9001', name: 'Redes' })
      .addToken('EAA-ig-e2e-alcalde-0000000', { kind: 'USER', id: '9002', name: 'Redes' })
      .addIgUser('178400000001', 'alcaldiadeibague')
      .addIgUser('178400000002', 'alcaldedeibague');
    host = new FakeMediaHost();
    await host.start();
    portal = await startFakeHttpPortal(TEST_SECRETS.portalHmac);
    x = await startFakeX({ accounts: [X_ALCALDIA, X_ALCALDE] });
    yt = await startFakeYoutube({
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
      IG_ALCALDIA: 'EAA-ig-e2e-alcaldia-000000',
      IG_ALCALDE: 'EAA-ig-e2e-alcalde-0000000',
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
    });
    const agent = new Agent({ ca: x.ca });
    chat = new RecordingChat();
    app = createApp({
      env,
      config: parseConfig(CONFIG),
      store: new MemoryStore(),
      chats: [chat],
      logger: testLogger('e2e-all-platforms', SECRET_VALUES),
      mediaHost: host,
      extensions: () => [],
      publisherFactories: [
        createPortalPublishers,
        (d) => createFacebookPublishers(d),
        (d) => createInstagramPublishers(d, { sleep: async () => {} }),
        (d) => createXPublishers(d, { agent }),
        (d) => createYoutubePublishers(d),
      ],
    });
    await app.start();
  });

  afterAll(async () => {
    await app?.stop();
    await Promise.all([graph?.stop(), host?.stop(), portal?.close(), x?.close(), yt?.close()]);
  });

  it('publishes once everywhere, links in the thread, and a second run posts nothing', async () => {
    const photos: IncomingFile[] = [];
    for (const [i, color] of ['#d62828', '#f77f00', '#003049'].entries()) {
      const p = join(dir, `foto${i + 1}.jpg`);
      await sharp({ create: { width: 1200, height: 800, channels: 3, background: color } }).jpeg().toFile(p);
      photos.push(localFile(p, `Foto ${i + 1} de la entrega de luminarias`));
    }
    const video = join(dir, 'recorrido.mp4');
    // A minimal MP4: an ftyp box (what identifies the format) and some media data.
    writeFileSync(video, Buffer.concat([Buffer.from('0000001866747970', 'hex'), Buffer.from('mp42\0\0\0\0mp42isom', 'latin1'), Buffer.alloc(300_000, 7)]));

    const origin = { platform: 'console' as const, channel: 'comunicados', messageId: 'u1' };
    await app.handle({
      type: 'command',
      name: 'comunicado',
      text: ['Alcaldía entrega 120 luminarias en el Jordán', '', 'La obra mejora la seguridad de 3.000 habitantes.', '', 'Detalles de la obra. #IbaguéBrilla', `destinos: ${DESTINATIONS.join(', ')}`].join('\n'),
      files: [...photos, localFile(video)],
      eventKey: 'e1',
      actor: { platform: 'console', userId: 'redactora' },
      origin,
    });
    expect(chat.texts().join('\n')).toMatch(/Recibido: C-\d{4}-0001/);
    const id = chat.texts().join('\n').match(/Recibido: (C-\d{4}-0001)/)![1]!;

    await app.handle({ type: 'action', action: 'approve', value: id, eventKey: 'e2', actor: { platform: 'console', userId: 'jefe' }, origin });
    await app.idle();

    const c = (await app.services.store.get(id))!;
    const states = Object.fromEntries(Object.entries(c.deliveries).map(([k, d]) => [k, d.state]));
    expect(states).toEqual(Object.fromEntries(DESTINATIONS.map((d) => [d, 'done'])));
    expect(c.state).toBe('published');

    // What each platform holds.
    expect(portal.items).toHaveLength(1);
    expect(graph.livePosts('111')).toHaveLength(1);
    expect(graph.livePosts('222')).toHaveLength(1);
    expect(graph.livePosts('111')[0]!.attached).toHaveLength(3);
    expect([...graph.igMedia.values()]).toHaveLength(2);
    expect([...x.tweets.values()].map((t) => t.mediaIds.length).sort()).toEqual([3, 3]);
    expect([...yt.videos.values()].map((v) => v.channelId).sort()).toEqual(['UC_alcalde', 'UC_alcaldia']);
    for (const t of x.tweets.values()) expect(t.text).toContain(portal.items[0]!.url);

    // Every link is in the thread.
    const final = chat.posts.find((p) => /📣/.test(p.message.text))!;
    expect(final.message.links!.map((l) => l.url).sort()).toEqual(Object.values(c.deliveries).map((d) => d.url!).sort());
    expect(final.message.links).toHaveLength(9);
    // The author hears about the approval and the publication, tagged.
    const toAuthor = chat.posts.filter((p) => p.message.mentions?.includes('redactora')).map((p) => p.message.text);
    expect(toAuthor).toEqual([expect.stringMatching(/Tu comunicado C-\d{4}-0001 fue aprobado por jefe/), expect.stringMatching(/Tu comunicado C-\d{4}-0001 quedó publicado/)]);

    // A second run of the same deliveries never posts twice.
    await app.services.engine.run(id);
    await app.handle({ type: 'command', name: 'reintentar', text: id, files: [], eventKey: 'e3', actor: { platform: 'console', userId: 'jefe' }, origin });
    await app.idle();
    expect(chat.whispers.at(-1)!.message.text).toMatch(/no se puede reintentar|no tiene entregas fallidas/i);
    expect(portal.items).toHaveLength(1);
    expect(graph.livePosts('111')).toHaveLength(1);
    expect([...graph.igMedia.values()]).toHaveLength(2);
    expect(x.tweets.size).toBe(2);
    expect(yt.videos.size).toBe(2);
  });
});
