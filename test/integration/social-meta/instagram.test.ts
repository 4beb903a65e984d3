import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Publisher } from '../../../src/publish/port.ts';
import { createInstagramPublishers } from '../../../src/publish/social/instagram.ts';
import { GraphFake } from '../../fakes/graph/graph-fake.ts';
import { FakeMediaHost } from '../../fakes/graph/media-host.ts';
import { makeComunicado, makeContext, makeDeps, makeImage, tempDataDir } from '../../fakes/graph/fixtures.ts';
import { publishError } from '../../fixtures/publish-error.ts';

const IG = '17841400000000001';
const TOKEN = 'EAAB-ig-token-alcaldia-0123456789';
const PORTAL = 'https://ibague.gov.co/noticias/c-2026-0142';

const accounts = {
  alcaldia: { name: 'Alcaldía de Ibagué', instagram: { userId: IG, username: 'alcaldiadeibague', tokenEnv: 'IG_ALCALDIA_TOKEN', hashtags: ['Ibagué'] } },
};

describe('Instagram publisher against the Graph fake', () => {
  let fake: GraphFake;
  let host: FakeMediaHost;
  let data: { dir: string; cleanup: () => Promise<void> };
  let publisher: Publisher;
  let sleeps: number[];

  beforeEach(async () => {
    fake = new GraphFake();
    await fake.start();
    fake.addIgUser(IG, 'alcaldiadeibague').addToken(TOKEN, { kind: 'USER', id: '99887766', name: 'Equipo de redes' });
    host = new FakeMediaHost();
    await host.start();
    data = await tempDataDir();
    sleeps = [];
    const deps = makeDeps(data.dir, accounts, { GRAPH_API_URL: fake.url, IG_ALCALDIA_TOKEN: TOKEN });
    publisher = createInstagramPublishers(deps, {
      sleep: async (ms) => void sleeps.push(ms),
      pollIntervalsMs: [10, 20, 30],
    })[0]!;
  });

  afterEach(async () => {
    await fake.stop();
    await host.stop();
    await data.cleanup();
  });

  it('publishes one image: fitted JPEG on the portal, container polled IN_PROGRESS then FINISHED, then media_publish', async () => {
    fake.containerStatuses = ['IN_PROGRESS', 'IN_PROGRESS', 'FINISHED'];
    const img = await makeImage(data.dir, 'panoramica', 3000, 1000); // 3:1, wider than 1.91:1
    const c = makeComunicado({ title: 'Nuevo parque', lead: 'Abre sus puertas.', hashtags: ['Parques'], attachments: [img] });
    const ctx = makeContext(data.dir, { portalUrl: PORTAL, mediaHost: host });
    const result = await publisher.publish(c, ctx);

    // The hosted file is a JPEG Instagram accepts, written under DATA_DIR.
    const [hosted] = [...host.files.values()];
    expect(hosted!.mime).toBe('image/jpeg');
    expect(hosted!.sourcePath.startsWith(data.dir)).toBe(true);
    const meta = await sharp(hosted!.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width! / meta.height!).toBeLessThanOrEqual(1.91);
    expect(hosted!.alt).toBe('Descripción de panoramica');

    const [container] = [...fake.containers.values()];
    expect(container!.caption).toBe('Nuevo parque\n\nAbre sus puertas.\n\nMás información: ' + PORTAL + '\n\n#Parques #Ibagué');
    expect(container!.altText).toBe('Descripción de panoramica');
    expect(container!.published).toBe(true);
    expect(sleeps).toEqual([10, 20]);
    expect(ctx.progressLog).toContain('Instagram está procesando las imágenes…');

    // The limit was read before anything was created.
    const paths = fake.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths.indexOf(`GET ${IG}/content_publishing_limit`)).toBeLessThan(paths.indexOf(`POST ${IG}/media`));
    expect(result.url).toMatch(/^https:\/\/www\.instagram\.com\/p\//);
    expect(fake.igMedia.get(result.remoteId)?.containerId).toBe(container!.id);
  });

  it('publishes a carousel of three images: item containers, a CAROUSEL container, status polling, one publish', async () => {
    fake.containerStatuses = ['IN_PROGRESS', 'FINISHED'];
    const imgs = [await makeImage(data.dir, 'alta', 600, 1800), await makeImage(data.dir, 'ancha', 2000, 600), await makeImage(data.dir, 'cuadrada', 900, 900)];
    const c = makeComunicado({ title: 'Galería', attachments: imgs });
    const result = await publisher.publish(c, makeContext(data.dir, { portalUrl: PORTAL, mediaHost: host }));

    const containers = [...fake.containers.values()];
    const items = containers.filter((x) => x.carouselItem);
    const carousel = containers.find((x) => x.mediaType === 'CAROUSEL');
    expect(items).toHaveLength(3);
    expect(carousel!.children).toEqual(items.map((i) => i.id));
    expect(carousel!.published).toBe(true);
    expect(fake.calls('POST', /media_publish$/)).toHaveLength(1);
    expect(fake.calls('POST', /media_publish$/)[0]!.fields['creation_id']).toBe(carousel!.id);
    // Every container was polled until FINISHED: one wait each.
    expect(sleeps).toEqual([10, 10, 10, 10]);
    expect(result.meta?.children).toEqual(items.map((i) => i.id));
    expect(fake.igUsers.get(IG)!.quotaUsage).toBe(1);
  });

  it('refuses politely when the 24-hour publishing quota is used, creating nothing', async () => {
    fake.addIgUser(IG, 'alcaldiadeibague', { usage: 50, total: 50 });
    const c = makeComunicado({ title: 'Sin cupo', attachments: [await makeImage(data.dir, 'x', 800, 800)] });
    const err = await publishError(publisher.publish(c, makeContext(data.dir, { mediaHost: host })));
    expect(err.kind).toBe('retryable');
    expect(err.code).toBe('ig_quota');
    expect(err.retryInMs).toBeGreaterThanOrEqual(60 * 60_000);
    expect(err.message).toContain('ya usó las 50 publicaciones');
    expect(fake.containers.size).toBe(0);
    expect(host.files.size).toBe(0);
  });

  it('without images fails with "Instagram necesita al menos una imagen", before any call', async () => {
    const err = await publishError(publisher.publish(makeComunicado({ title: 'Solo texto' }), makeContext(data.dir, { mediaHost: host })));
    expect(err.kind).toBe('failed');
    expect(err.message).toMatch(/^Instagram necesita al menos una imagen/);
    expect(fake.requests).toHaveLength(0);
    const preview = publisher.preview!(makeComunicado({ title: 'Solo texto' }));
    expect(preview.warnings[0]).toBe('Instagram necesita al menos una imagen: sin imagen esta entrega fallará.');
  });

  it('without a media host fails and says the portal must host the image', async () => {
    const c = makeComunicado({ title: 'Con foto', attachments: [await makeImage(data.dir, 'x', 800, 800)] });
    const err = await publishError(publisher.publish(c, makeContext(data.dir)));
    expect(err.code).toBe('ig_no_media_host');
    expect(err.kind).toBe('failed');
  });

  it('when Instagram cannot fetch the image (2207052) the container was not created: retryable', async () => {
    host.broken = true;
    const c = makeComunicado({ title: 'Foto', attachments: [await makeImage(data.dir, 'x', 800, 800)] });
    const err = await publishError(publisher.publish(c, makeContext(data.dir, { mediaHost: host })));
    expect(err.kind).toBe('retryable');
    expect(err.code).toBe('ig_media_fetch');
    expect(err.message).toContain('The media could not be fetched');
    expect(fake.containers.size).toBe(0);
    expect(fake.calls('POST', /media_publish$/)).toHaveLength(0);
  });

  it('a container that ends in ERROR exists already: failed, not retried, nothing published', async () => {
    fake.containerStatuses = ['IN_PROGRESS', 'ERROR'];
    const c = makeComunicado({ title: 'Foto', attachments: [await makeImage(data.dir, 'x', 800, 800)] });
    const err = await publishError(publisher.publish(c, makeContext(data.dir, { mediaHost: host })));
    expect(err.kind).toBe('failed');
    expect(err.code).toBe('ig_container_error');
    expect(fake.calls('POST', /media_publish$/)).toHaveLength(0);
  });

  it('a container still IN_PROGRESS after every poll is retryable (nothing published)', async () => {
    fake.containerStatuses = ['IN_PROGRESS'];
    const c = makeComunicado({ title: 'Foto', attachments: [await makeImage(data.dir, 'x', 800, 800)] });
    const err = await publishError(publisher.publish(c, makeContext(data.dir, { mediaHost: host })));
    expect(err.code).toBe('ig_container_timeout');
    expect(err.kind).toBe('retryable');
    expect(sleeps).toEqual([10, 20, 30]);
  });

  it('an account without its token is a dry run naming the variable, with the real caption and its warnings', () => {
    const deps = makeDeps(data.dir, accounts, { GRAPH_API_URL: fake.url });
    const dry = createInstagramPublishers(deps)[0]!;
    expect(dry.dryRun).toBe(true);
    const p = dry.preview!(makeComunicado({ title: 'Título', lead: 'Entradilla', hashtags: ['Salud'] }));
    expect(p.text).toBe('Título\n\nEntradilla\n\nMás información: [enlace de la noticia en el portal]\n\n#Salud #Ibagué');
    expect(p.warnings).toContain('Simulación: sin credenciales (falta la variable IG_ALCALDIA_TOKEN). No se publicará de verdad en Instagram.');
    expect(p.warnings).toContain('Instagram necesita al menos una imagen: sin imagen esta entrega fallará.');
  });

  it('more than 10 images: the preview warns and the carousel takes the first 10', async () => {
    const imgs = [];
    for (let i = 0; i < 11; i++) imgs.push(await makeImage(data.dir, `f${i}`, 320, 320));
    const c = makeComunicado({ title: 'Once fotos', attachments: imgs });
    expect(publisher.preview!(c).warnings).toContain('Instagram admite hasta 10 imágenes por publicación: se publicarán las primeras 10 de 11.');
    await publisher.publish(c, makeContext(data.dir, { mediaHost: host }));
    const carousel = [...fake.containers.values()].find((x) => x.mediaType === 'CAROUSEL')!;
    expect(carousel.children).toHaveLength(10);
    expect(host.files.size).toBe(10);
  });

  it('reconcile finds a published post by its caption, and answers null (not found yet) when it is not there', async () => {
    const c = makeComunicado({ title: 'Foto del día', attachments: [await makeImage(data.dir, 'x', 800, 800)] });
    const ctx = makeContext(data.dir, { portalUrl: PORTAL, mediaHost: host });
    const inFlight = { destination: 'instagram:alcaldia' as const, state: 'in_flight' as const, attempts: 1, dryRun: false };
    expect(await publisher.reconcile!(c, inFlight, ctx)).toBeNull();
    const result = await publisher.publish(c, ctx);
    expect(await publisher.reconcile!(c, inFlight, ctx)).toMatchObject({ remoteId: result.remoteId, url: result.url });
  });

  it('withdraw is manual, with instructions naming the post and the account', async () => {
    const c = makeComunicado({ title: 'Retirar' });
    const r = await publisher.withdraw!(c, { destination: 'instagram:alcaldia', state: 'done', attempts: 1, dryRun: false, remoteId: '1', url: 'https://www.instagram.com/p/Cabc/' }, makeContext(data.dir));
    expect(r.outcome).toBe('manual');
    expect(r.detail).toContain('https://www.instagram.com/p/Cabc/');
    expect(r.detail).toContain('@alcaldiadeibague');
    expect(fake.requests).toHaveLength(0);
  });
});
