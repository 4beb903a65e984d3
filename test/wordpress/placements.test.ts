import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comunicado, Destination } from '../../src/domain/comunicado.ts';
import { createPortalPublishers } from '../../src/publish/portal/index.ts';
import type { Publisher } from '../../src/publish/port.ts';
import { byDestination, doneDelivery, makeComunicado, makeContext, makeDeps, tempDataDir, uniqueId, writeImage } from '../integration/portal/helpers.ts';

/*
 * Issue 16 on the real WordPress (test/wordpress/start.sh): short placement bodies with a
 * link target, a slider image fitted to the theme's size, and a take-down that leaves
 * nothing public. Skipped without WP_TEST_URL (wordpress-publisher.test.ts says so).
 */
const raw = process.env;
const WP_URL = raw.WP_TEST_URL;
const USER = raw.WP_TEST_USER ?? '';
const PASSWORD = raw.WP_TEST_APP_PASSWORD ?? '';

const PORTAL = {
  type: 'wordpress',
  name: 'Portal de pruebas',
  imageBackground: '#003366',
  allowedLinkDomains: ['ibague.gov.co'],
  placements: {
    noticia: { categories: ['noticias'] },
    slider_principal: { type: 'sliders', categories: ['Slider principal'], hashtagsAsTags: false, meta: { enlace_noticia: '{enlace}', vigencia_hasta: '{cierre}' }, image: { width: 1920, height: 600 } },
    banner_aviso: { categories: ['Banner de avisos'], hashtagsAsTags: false, meta: { enlace_noticia: '{enlace}' } },
  },
};

interface WpPostView {
  id: number;
  status: string;
  featured_media: number;
  meta?: Record<string, unknown>;
  content: { raw: string };
}
interface WpMediaView {
  id: number;
  alt_text: string;
  media_details: { width: number; height: number };
  source_url: string;
  post: number | null;
}

describe.skipIf(!WP_URL)('portal placements on a real WordPress: link targets, short bodies, fitted images', () => {
  const wp = axios.create({ baseURL: `${WP_URL}/wp-json/wp/v2/`, auth: { username: USER, password: PASSWORD } });
  const vars = { PORTAL_URL: WP_URL ?? '', PORTAL_USER: USER, PORTAL_APP_PASSWORD: PASSWORD };
  let dataDir: string;
  let cleanup: () => Promise<void>;
  let publishers: Publisher[];
  const created: Array<{ type: string; id: number }> = [];
  const media: number[] = [];

  const pub = (d: Destination) => byDestination(publishers, d);
  const getPost = async (type: string, id: string | number) => (await wp.get<WpPostView>(`${type}/${id}`, { params: { context: 'edit' } })).data;
  const getMedia = async (id: number) => (await wp.get<WpMediaView>(`media/${id}`, { params: { context: 'edit' } })).data;
  const status = async (url: string) => (await axios.get(url, { validateStatus: () => true })).status;
  const remember = (type: string, result: { remoteId: string; meta?: Record<string, unknown> }) => {
    created.push({ type, id: Number(result.remoteId) });
    for (const m of (result.meta?.ownMedia as number[] | undefined) ?? []) media.push(m);
  };

  beforeAll(async () => {
    ({ dir: dataDir, cleanup } = await tempDataDir());
    publishers = createPortalPublishers(makeDeps(dataDir, PORTAL, vars));
  });
  afterAll(async () => {
    // What this file created goes away: the posts for good, then their media.
    for (const p of created) await wp.delete(`${p.type}/${p.id}`, { params: { force: true } }).catch(() => undefined);
    for (const id of media) await wp.delete(`media/${id}`, { params: { force: true } }).catch(() => undefined);
    await cleanup?.();
  });

  it('an aviso to the banner only, with an external link on an allowed domain: short body, the link as target, nothing left public at its end', async () => {
    const id = uniqueId();
    const img = await writeImage(dataDir, `corte-${id}.jpg`, { r: 10, g: 90, b: 200 }, { alt: 'Mapa de la comuna 5 sin agua' });
    const c = makeComunicado(id, {
      title: 'Corte de agua en la comuna 5',
      lead: 'El martes no habrá servicio de 8:00 a 16:00. Se recomienda almacenar agua.',
      body: 'Texto largo del aviso que no debe quedar en el banner.',
      kind: 'aviso',
      linkTarget: 'https://www.ibague.gov.co/cortes?comuna=5',
      destinations: ['portal:banner_aviso'],
      attachments: [img],
      vigenciaHasta: '2026-12-31',
    });
    const result = await pub('portal:banner_aviso').publish(c, makeContext(dataDir));
    remember('posts', result);
    const post = await getPost('posts', result.remoteId);
    expect(post.status).toBe('publish');
    expect(post.content.raw).toBe(
      '<p class="comunicado-resumen">El martes no habrá servicio de 8:00 a 16:00.</p>\n' +
        '<p class="comunicado-enlace"><a href="https://www.ibague.gov.co/cortes?comuna=5">Más información</a></p>',
    );
    expect(post.meta?.enlace_noticia).toBe('https://www.ibague.gov.co/cortes?comuna=5');
    // No noticia: the banner uploaded its image itself, and it is public while the banner is up.
    const own = result.meta!.ownMedia as number[];
    expect(own).toEqual([post.featured_media]);
    const image = await getMedia(post.featured_media);
    expect(image.alt_text).toBe('Mapa de la comuna 5 sin agua');
    expect(await status(image.source_url)).toBe(200);
    expect(await status(result.url)).toBe(200);

    const done: Comunicado = { ...c, deliveries: { 'portal:banner_aviso': doneDelivery('portal:banner_aviso', result) } };
    const down = await pub('portal:banner_aviso').takeDown!(done, done.deliveries['portal:banner_aviso']!, makeContext(dataDir));
    expect(down).toMatchObject({ outcome: 'draft' });
    expect(down!.detail).toContain('Se borraron de la biblioteca de medios 1 archivo(s)');
    expect((await getPost('posts', result.remoteId)).status).toBe('draft');
    expect(await status(result.url)).toBe(404);
    expect((await wp.get(`media/${image.id}`, { validateStatus: () => true })).status).toBe(404);
    expect(await status(image.source_url)).toBe(404);
  });

  it('a slider image fitted to the configured 1920×600, padded (never cropped), with its alt text; the noticia keeps the original', async () => {
    const id = uniqueId();
    const img = await writeImage(dataDir, `afiche-${id}.jpg`, { r: 230, g: 200, b: 20 }, { alt: 'Afiche de la convocatoria de becas' });
    const base = makeComunicado(id, {
      title: 'Convocatoria de becas 2027',
      lead: 'La Alcaldía abre 200 becas. Inscripciones hasta el 15 de diciembre.',
      kind: 'convocatoria',
      closesAt: '2026-12-15T22:00:00Z',
      attachments: [img],
      destinations: ['portal:noticia', 'portal:slider_principal'],
    });
    const noticia = await pub('portal:noticia').publish(base, makeContext(dataDir));
    remember('posts', noticia);
    const withNoticia: Comunicado = { ...base, deliveries: { 'portal:noticia': doneDelivery('portal:noticia', noticia) } };
    const preview = pub('portal:slider_principal').preview!(withNoticia);
    expect(preview.warnings.join('\n')).toContain(`Imagen ajustada a 1920×600 px, con relleno #003366 y sin recortes, a partir de afiche-${id}.jpg. Texto alternativo: Afiche de la convocatoria de becas`);
    expect(preview.text).toContain('El slider, el banner y el pop-up llevan a: la noticia de este comunicado');

    const slider = await pub('portal:slider_principal').publish(withNoticia, makeContext(dataDir, { url: noticia.url, remoteId: noticia.remoteId }));
    remember('sliders', slider);
    const s = await getPost('sliders', slider.remoteId);
    const fitted = await getMedia(s.featured_media);
    expect(fitted.media_details).toMatchObject({ width: 1920, height: 600 });
    expect(fitted.alt_text).toBe('Afiche de la convocatoria de becas');
    expect(fitted.post).toBe(Number(slider.remoteId));
    expect(slider.meta!.fitted).toMatchObject({ id: fitted.id, width: 1920, height: 600 });
    // The original 320×200 is scaled to 960×600 and padded left and right with the colour.
    const bytes = Buffer.from((await axios.get(fitted.source_url, { responseType: 'arraybuffer' })).data as ArrayBuffer);
    const sharp = (await import('sharp')).default;
    const pixel = async (x: number, y: number) => {
      const { data } = await sharp(bytes).extract({ left: x, top: y, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
      return [...data];
    };
    const [edge, middle] = [await pixel(10, 300), await pixel(960, 300)];
    expect(edge[0]).toBeLessThan(20); // #003366 padding
    expect(edge[2]).toBeGreaterThan(80);
    expect(middle[0]).toBeGreaterThan(200); // the yellow image
    expect(s.meta).toMatchObject({ enlace_noticia: noticia.url, vigencia_hasta: '2026-12-15T22:00:00Z' });
    expect(s.content.raw).toContain('<p class="comunicado-cierre">Inscripciones hasta el 15 de diciembre de 2026, 17:00 (hora de Colombia).</p>');
    expect(s.content.raw).toContain(`<a href="${noticia.url}">Inscríbase aquí</a>`);
    // The noticia shows the original image, not the fitted copy.
    const n = await getPost('posts', noticia.remoteId);
    expect(n.featured_media).not.toBe(fitted.id);
    expect((await getMedia(n.featured_media)).media_details).toMatchObject({ width: 320, height: 200 });

    // At its end the slider takes its fitted copy with it; the noticia's image stays.
    const done: Comunicado = { ...withNoticia, deliveries: { ...withNoticia.deliveries, 'portal:slider_principal': doneDelivery('portal:slider_principal', slider) } };
    await pub('portal:slider_principal').takeDown!(done, done.deliveries['portal:slider_principal']!, makeContext(dataDir));
    expect((await wp.get(`media/${fitted.id}`, { validateStatus: () => true })).status).toBe(404);
    expect((await wp.get(`media/${n.featured_media}`, { validateStatus: () => true })).status).toBe(200);
  });
});
