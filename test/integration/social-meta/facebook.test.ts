import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DryRunPublisher } from '../../../src/publish/dry-run.ts';
import { PublishError, type Publisher } from '../../../src/publish/port.ts';
import { createFacebookPublishers } from '../../../src/publish/social/facebook.ts';
import { GraphFake } from '../../fakes/graph/graph-fake.ts';
import { makeComunicado, makeContext, makeDeps, makeImage, tempDataDir } from '../../fakes/graph/fixtures.ts';

const PAGE = '104512345678901';
const TOKEN = 'EAAB-page-token-alcaldia-0123456789';
const PORTAL = 'https://ibague.gov.co/noticias/c-2026-0142-vacunacion';

const accounts = {
  alcaldia: {
    name: 'Alcaldía de Ibagué',
    facebook: { pageId: PAGE, name: 'Alcaldía de Ibagué', tokenEnv: 'FB_ALCALDIA_TOKEN', hashtags: ['IbaguéVaPaLante'], signature: 'Alcaldía de Ibagué, Tolima' },
  },
  alcalde: {
    name: 'Alcalde de Ibagué',
    facebook: { pageId: '2000', tokenEnv: 'FB_ALCALDE_TOKEN' },
  },
};

describe('Facebook Pages publisher against the Graph fake', () => {
  let fake: GraphFake;
  let data: { dir: string; cleanup: () => Promise<void> };
  let publisher: Publisher;

  beforeEach(async () => {
    fake = new GraphFake();
    await fake.start();
    fake.addPage(PAGE, 'Alcaldía de Ibagué').addToken(TOKEN, { kind: 'PAGE', id: PAGE, name: 'Alcaldía de Ibagué' });
    data = await tempDataDir();
    const deps = makeDeps(data.dir, accounts, { GRAPH_API_URL: fake.url, FB_ALCALDIA_TOKEN: TOKEN });
    const pubs = createFacebookPublishers(deps);
    publisher = pubs.find((p) => p.destination === 'facebook:alcaldia')!;
  });

  afterEach(async () => {
    await fake.stop();
    await data.cleanup();
  });

  it('posts text with the portal link to /{page}/feed and returns the permalink', async () => {
    const c = makeComunicado({ title: 'Jornada de vacunación en la comuna 7', lead: 'Este sábado habrá vacunación gratuita.', hashtags: ['Salud'] });
    const result = await publisher.publish(c, makeContext(data.dir, { portalUrl: PORTAL }));

    const [post] = fake.livePosts(PAGE);
    expect(post?.link).toBe(PORTAL);
    expect(post?.message).toBe(
      'Jornada de vacunación en la comuna 7\n\nEste sábado habrá vacunación gratuita.\n\nMás información: ' +
        PORTAL +
        '\n\n#Salud #IbaguéVaPaLante\n\nAlcaldía de Ibagué, Tolima',
    );
    expect(result.remoteId).toBe(post!.id);
    expect(result.url).toMatch(new RegExp(`^https://www\\.facebook\\.com/${PAGE}/posts/`));
    // The version comes from config and the token never travels in the URL.
    expect(fake.requests.every((r) => r.version === 'v21.0' && r.tokenIn === 'header')).toBe(true);
  });

  it('publishes one photo through /{page}/photos with its alt text', async () => {
    const img = await makeImage(data.dir, 'vacunacion', 1200, 800);
    const c = makeComunicado({ title: 'Vacunación', lead: 'Fotos de la jornada.', attachments: [img] });
    const ctx = makeContext(data.dir, { portalUrl: PORTAL });
    const result = await publisher.publish(c, ctx);

    const upload = fake.calls('POST', /\/photos$/);
    expect(upload).toHaveLength(1);
    expect(upload[0]!.files[0]).toMatchObject({ field: 'source', filename: 'vacunacion.png', type: 'image/png', size: img.size });
    expect(upload[0]!.fields['alt_text_custom']).toBe('Descripción de vacunacion');
    const [post] = fake.livePosts(PAGE);
    expect(post!.attached).toHaveLength(1);
    expect(result.remoteId).toBe(post!.id);
    expect(result.meta?.photoIds).toEqual(post!.attached);
    expect(fake.calls('POST', /\/feed$/)).toHaveLength(0);
    expect(ctx.progressLog).toEqual(['Subiendo foto 1 de 1 a Facebook…']);
  });

  it('publishes several photos as unpublished photos, then one feed post with attached_media', async () => {
    const imgs = [await makeImage(data.dir, 'a', 800, 600), await makeImage(data.dir, 'b', 600, 800), await makeImage(data.dir, 'c', 1000, 1000)];
    const c = makeComunicado({ title: 'Tres fotos', lead: 'Galería', attachments: imgs });
    const result = await publisher.publish(c, makeContext(data.dir, { portalUrl: PORTAL }));

    const uploads = fake.calls('POST', /\/photos$/);
    expect(uploads.map((u) => u.fields['published'])).toEqual(['false', 'false', 'false']);
    const feed = fake.calls('POST', /\/feed$/);
    expect(feed).toHaveLength(1);
    const photoIds = [...fake.photos.values()].map((p) => p.id);
    expect(feed[0]!.fields['attached_media[0]']).toBe(JSON.stringify({ media_fbid: photoIds[0] }));
    const live = fake.livePosts(PAGE);
    expect(live).toHaveLength(1);
    expect(live[0]!.attached).toEqual(photoIds);
    expect([...fake.photos.values()].every((p) => p.published)).toBe(true);
    expect(result.meta?.photoIds).toEqual(photoIds);
  });

  it('a second run of the same comunicado gets #506 and is unknown, never a second post', async () => {
    const c = makeComunicado({ title: 'Cierre vial en la calle 60', lead: 'Por obras.' });
    await publisher.publish(c, makeContext(data.dir, { portalUrl: PORTAL }));
    const err = await publisher.publish(c, makeContext(data.dir, { portalUrl: PORTAL })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishError);
    expect((err as PublishError).kind).toBe('unknown');
    expect((err as PublishError).code).toBe('duplicate');
    expect(fake.livePosts(PAGE)).toHaveLength(1);
  });

  it('reconcile after a crash finds a post that went out, and proves absence when it did not', async () => {
    const c = makeComunicado({ title: 'Corte de agua programado', lead: 'Barrios afectados.' });
    const ctx = makeContext(data.dir, { portalUrl: PORTAL });
    const inFlight = { destination: 'facebook:alcaldia' as const, state: 'in_flight' as const, attempts: 1, dryRun: false };
    expect(await publisher.reconcile!(c, inFlight, ctx)).toBeNull();

    // The answer is lost after Facebook created the post (a crash or a cut connection).
    fake.inject({ method: 'POST', path: /\/feed$/, action: 'hang_after' });
    const deps = makeDeps(data.dir, accounts, { GRAPH_API_URL: fake.url, FB_ALCALDIA_TOKEN: TOKEN });
    const impatient = createFacebookPublishers(deps, { timeoutMs: 300 })[0]!;
    await expect(impatient.publish(c, ctx)).rejects.toMatchObject({ kind: 'unknown' });

    const found = await publisher.reconcile!(c, inFlight, ctx);
    const [post] = fake.livePosts(PAGE);
    expect(found).toMatchObject({ remoteId: post!.id, url: expect.stringContaining(`/${PAGE}/posts/`) });
  });

  it('withdraw deletes the post, and says not_found when it is already gone', async () => {
    const c = makeComunicado({ title: 'Comunicado a retirar' });
    const ctx = makeContext(data.dir, { portalUrl: PORTAL });
    const result = await publisher.publish(c, ctx);
    const delivery = { destination: 'facebook:alcaldia' as const, state: 'done' as const, attempts: 1, dryRun: false, remoteId: result.remoteId, url: result.url };

    const first = await publisher.withdraw!(c, delivery, ctx);
    expect(first.outcome).toBe('removed');
    expect(fake.livePosts(PAGE)).toHaveLength(0);
    expect(fake.calls('DELETE', new RegExp(result.remoteId))).toHaveLength(1);

    const second = await publisher.withdraw!(c, delivery, ctx);
    expect(second.outcome).toBe('not_found');
  });

  it('an account without its token is a dry run that names the missing variable and renders the real text', () => {
    const deps = makeDeps(data.dir, accounts, { GRAPH_API_URL: fake.url, FB_ALCALDIA_TOKEN: TOKEN });
    const alcalde = createFacebookPublishers(deps).find((p) => p.destination === 'facebook:alcalde')!;
    expect(alcalde).toBeInstanceOf(DryRunPublisher);
    expect((alcalde as DryRunPublisher).dryRunReason).toBe('sin credenciales (falta la variable FB_ALCALDE_TOKEN)');
    const preview = alcalde.preview!(makeComunicado({ title: 'Título', lead: 'Entradilla' }));
    expect(preview.dryRun).toBe(true);
    expect(preview.text).toBe('Título\n\nEntradilla\n\nMás información: [enlace de la noticia en el portal]');
    expect(preview.warnings[0]).toContain('falta la variable FB_ALCALDE_TOKEN');
  });

  it('preview shows the exact text, its length against the limit and attachment warnings', async () => {
    const video = { ...(await makeImage(data.dir, 'v', 10, 10)), kind: 'video' as const, mime: 'video/mp4', filename: 'v.mp4' };
    const c = makeComunicado({ title: 'Título', lead: 'Entradilla', attachments: [video] });
    const p = publisher.preview!(c);
    expect(p.text.startsWith('Título\n\nEntradilla\n\nMás información: [enlace')).toBe(true);
    expect(p.length).toBe(Array.from(p.text).length);
    expect(p.limit).toBe(63_206);
    expect(p.warnings.some((w) => w.includes('videos adjuntos (1) no se publican en Facebook'))).toBe(true);
  });
});
