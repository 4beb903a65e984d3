import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comunicado, Destination } from '../../src/domain/comunicado.ts';
import { createPortalPublishers } from '../../src/publish/portal/index.ts';
import { PublishError, type Publisher, type PublishResult } from '../../src/publish/port.ts';
import {
  byDestination,
  doneDelivery,
  makeComunicado,
  makeContext,
  makeDeps,
  sha256,
  tempDataDir,
  uniqueId,
  unknownDelivery,
  writeImage,
  writePdf,
  writeRaw,
} from '../integration/portal/helpers.ts';
import { ManualClock, restartedEngine } from '../fakes/restart-engine.ts';
import { ingestCaptions } from '../../src/accessibility/captions-files.ts';
import { fileOf, GOOD_SRT, tinyMp4 } from '../fixtures/accessible-files.ts';

/*
 * The portal publisher against a real WordPress (Debian's package, served on 127.0.0.1 by
 * test/wordpress/start.sh, which writes test/.tmp/wordpress.env). Without WP_TEST_URL the
 * suite is skipped with one line saying so.
 */
const raw = process.env;
const WP_URL = raw.WP_TEST_URL;
const USER = raw.WP_TEST_USER ?? '';
const PASSWORD = raw.WP_TEST_APP_PASSWORD ?? '';
const CONTRIBUTOR = raw.WP_TEST_CONTRIBUTOR_USER ?? '';
const CONTRIBUTOR_PASSWORD = raw.WP_TEST_CONTRIBUTOR_APP_PASSWORD ?? '';

if (!WP_URL) {
  // One line for both WordPress files (this one and console-wordpress-e2e.test.ts).
  console.log('[portal] Pruebas contra WordPress real OMITIDAS: WP_TEST_URL no está definida (ejecute `bash test/wordpress/start.sh` y cargue test/.tmp/wordpress.env).');
}

/** The mapping the test site is built for (categories from install.php, `sliders` from the mu-plugin). */
const PORTAL = {
  type: 'wordpress',
  name: 'Portal de pruebas',
  placements: {
    noticia: { categories: ['noticias'] },
    slider_principal: {
      type: 'sliders',
      categories: ['Slider principal'],
      meta: { enlace_noticia: '{noticiaUrl}', vigencia_hasta: '{vigenciaHasta}' },
      featuredImageInBody: true,
    },
    slider_contacto: { categories: ['slider-contacto'], hashtagsAsTags: false, tags: ['contacto'] },
    banner_aviso: { categories: ['Banner de avisos'], sticky: true, takeDown: 'uncategorize' },
    popup: { type: 'pages' },
  },
};

interface WpPostView {
  id: number;
  slug: string;
  status: string;
  link: string;
  type: string;
  sticky?: boolean;
  date_gmt: string;
  categories?: number[];
  tags?: number[];
  featured_media: number;
  meta?: Record<string, unknown>;
  title: { raw: string; rendered: string };
  excerpt: { raw: string };
  content: { raw: string; rendered: string };
}

describe.skipIf(!WP_URL)('portal WordPress publisher, on a real WordPress', () => {
  const wp = axios.create({ baseURL: `${WP_URL}/wp-json/wp/v2/`, auth: { username: USER, password: PASSWORD } });
  const vars = { PORTAL_URL: WP_URL ?? '', PORTAL_USER: USER, PORTAL_APP_PASSWORD: PASSWORD };
  let dataDir: string;
  let cleanup: () => Promise<void>;
  let publishers: Publisher[];
  let categoryIds: Record<string, number>;

  const pub = (d: Destination) => byDestination(publishers, d);
  const getPost = async (type: string, id: string | number) => (await wp.get<WpPostView>(`${type}/${id}`, { params: { context: 'edit' } })).data;
  /**
   * Media in the library whose name carries `marker` (each test names its files with its own
   * random id): other files running against the same WordPress upload at the same time, so
   * the library's total would not say what this test left behind.
   */
  const mediaNamed = async (marker: string) => Number((await wp.get('media', { params: { per_page: 1, search: marker.toLowerCase() } })).headers['x-wp-total']);
  const countBySlug = async (type: string, slug: string) =>
    (await wp.get<unknown[]>(type, { params: { slug, status: 'publish,future,draft,pending,private', context: 'edit' } })).data.length;

  beforeAll(async () => {
    ({ dir: dataDir, cleanup } = await tempDataDir());
    publishers = createPortalPublishers(makeDeps(dataDir, PORTAL, vars));
    const cats = (await wp.get<Array<{ id: number; slug: string }>>('categories', { params: { per_page: 100 } })).data;
    categoryIds = Object.fromEntries(cats.map((c) => [c.slug, c.id]));
  });
  afterAll(async () => cleanup?.());

  it('builds one real WordPress publisher per placement, with media hosting', () => {
    expect(publishers.map((p) => p.destination)).toEqual(['portal:noticia', 'portal:slider_principal', 'portal:slider_contacto', 'portal:banner_aviso', 'portal:popup']);
    expect(publishers.every((p) => !p.dryRun && p.mediaHost)).toBe(true);
  });

  it('reports the editor user can publish, upload and make sticky, and each placement mapping is valid', async () => {
    const report = await pub('portal:noticia').checkAccess!();
    expect(report.ok).toBe(true);
    expect(report.detail).toContain(`usuario «${USER}» (editor) puede publicar, subir archivos, fijar entradas en portada`);
    expect(report.detail).toContain('categorías «Noticias»');
    const slider = await pub('portal:slider_principal').checkAccess!();
    expect(slider.ok).toBe(true);
    expect(slider.detail).toContain('slider_principal: Sliders, categorías «Slider principal»');
  });

  it('publishes a noticia with its images (alt text, caption, first as featured), a document, tags from hashtags', async () => {
    const id = uniqueId();
    const img1 = await writeImage(dataDir, `plaza-${id}.jpg`, { r: 200, g: 30, b: 30 }, { alt: 'Alcalde entrega obras en la plaza de Bolívar', caption: 'Entrega de obras' });
    const img2 = await writeImage(dataDir, `colegio-${id}.jpg`, { r: 30, g: 30, b: 200 }, { alt: 'Estudiantes del colegio San Simón' });
    const doc = await writePdf(dataDir, `decreto-${id}.pdf`);
    const tag = `Ibague${id.slice(-6)}`;
    const c = makeComunicado(id, {
      title: 'Ibagué inaugura el parque de la música',
      lead: 'La obra beneficia a 20.000 habitantes.',
      body: 'Primer párrafo.\n\nSegundo párrafo con línea\npartida.',
      hashtags: [tag, 'Ibagué'],
      attachments: [img1, img2, doc],
    });
    const ctx = makeContext(dataDir);
    const result = await pub('portal:noticia').publish(c, ctx);

    const post = await getPost('posts', result.remoteId);
    expect(post.status).toBe('publish');
    expect(post.slug).toBe(`${id.toLowerCase()}-ibague-inaugura-el-parque-de-la-musica`);
    expect(result.url).toBe(post.link);
    expect(result.url).toBe(`${WP_URL}/${post.slug}/`);
    expect(post.categories).toEqual([categoryIds.noticias]);
    expect(post.excerpt.raw).toBe('La obra beneficia a 20.000 habitantes.');
    expect(post.content.raw).toContain('<p>Segundo párrafo con línea<br>\npartida.</p>');

    // Featured image = the first image, with its alt text and caption.
    const featured = (await wp.get(`media/${post.featured_media}`, { params: { context: 'edit' } })).data as { alt_text: string; caption: { raw: string }; source_url: string };
    expect(featured.alt_text).toBe('Alcalde entrega obras en la plaza de Bolívar');
    expect(featured.caption.raw).toBe('Entrega de obras');
    // The file arrived whole (streamed, not re-encoded).
    const bytes = Buffer.from((await axios.get(featured.source_url, { responseType: 'arraybuffer' })).data as ArrayBuffer);
    expect(sha256(bytes)).toBe(img1.sha256);

    // The second image is in the body with its alt text; the document is linked.
    const media = result.meta!.media as Array<{ id: number; kind: string; url: string; filename: string }>;
    expect(media.map((m) => m.kind)).toEqual(['image', 'image', 'document']);
    expect(post.content.raw).toContain(`<img src="${media[1]!.url}" alt="Estudiantes del colegio San Simón">`);
    expect(post.content.raw).not.toContain(media[0]!.url);
    expect(post.content.raw).toContain(`<li><a href="${media[2]!.url}">decreto-${id}.pdf</a></li>`);

    // Hashtags became tags (the new one created on the way).
    const tags = (await wp.get<Array<{ name: string }>>('tags', { params: { include: post.tags!.join(','), context: 'edit' } })).data.map((t) => t.name);
    expect(tags.sort()).toEqual([tag, 'Ibagué'].sort());

    // The public page shows it.
    const page = await axios.get<string>(result.url, { responseType: 'text' });
    expect(page.status).toBe(200);
    expect(page.data).toContain('Ibagué inaugura el parque de la música');
    expect(ctx.progressLog.some((l) => l.includes('Subiendo imagen 1 de 3'))).toBe(true);
  });

  it('maps every placement: custom post type with meta, categories by slug and by name, fixed tags, sticky, pages', async () => {
    const id = uniqueId();
    const img = await writeImage(dataDir, `slide-${id}.jpg`, { r: 20, g: 160, b: 60 }, { alt: 'Vista del parque' });
    const base = makeComunicado(id, { title: 'Feria de servicios', lead: 'Este sábado.', hashtags: ['Feria'], attachments: [img], vigenciaHasta: '2026-12-31' });
    const noticia = await pub('portal:noticia').publish(base, makeContext(dataDir));
    const withNoticia: Comunicado = { ...base, deliveries: { 'portal:noticia': doneDelivery('portal:noticia', noticia) } };
    const ctx = makeContext(dataDir, { url: noticia.url, remoteId: noticia.remoteId });
    const before = await mediaNamed(`slide-${id}`);
    expect(before).toBe(1); // the noticia's upload

    const slider = await pub('portal:slider_principal').publish(withNoticia, ctx);
    const s = await getPost('sliders', slider.remoteId);
    expect(s.type).toBe('slider');
    expect(s.slug).toBe(`${id.toLowerCase()}-slider-principal-feria-de-servicios`);
    expect(s.categories).toEqual([categoryIds['slider-principal']]);
    expect(s.meta).toMatchObject({ enlace_noticia: noticia.url, vigencia_hasta: '2026-12-31' });
    // The image the noticia uploaded is reused (same media, nothing uploaded again).
    const noticiaPost = await getPost('posts', noticia.remoteId);
    expect(s.featured_media).toBe(noticiaPost.featured_media);
    expect(s.content.raw).toContain('alt="Vista del parque"');
    expect(slider.url).toBe(s.link);

    const contacto = await pub('portal:slider_contacto').publish(withNoticia, ctx);
    const sc = await getPost('posts', contacto.remoteId);
    expect(sc.categories).toEqual([categoryIds['slider-contacto']]);
    const scTags = (await wp.get<Array<{ slug: string }>>('tags', { params: { include: sc.tags!.join(',') } })).data.map((t) => t.slug);
    expect(scTags).toEqual(['contacto']);

    const banner = await pub('portal:banner_aviso').publish(withNoticia, ctx);
    const b = await getPost('posts', banner.remoteId);
    expect(b.categories).toEqual([categoryIds['banner-avisos']]);
    expect(b.sticky).toBe(true);

    const popup = await pub('portal:popup').publish(withNoticia, ctx);
    const p = await getPost('pages', popup.remoteId);
    expect(p.type).toBe('page');
    expect(p.slug).toBe(`${id.toLowerCase()}-popup-feria-de-servicios`);

    expect(await mediaNamed(`slide-${id}`)).toBe(before);
  });

  it('schedules a comunicado under embargo as a future post at publishAt, with its permalink', async () => {
    const id = uniqueId();
    const publishAt = new Date(Date.now() + 2 * 86_400_000);
    publishAt.setUTCMilliseconds(0);
    const c = makeComunicado(id, { title: 'Anuncio con embargo', publishAt: publishAt.toISOString() });
    const result = await pub('portal:noticia').publish(c, makeContext(dataDir));
    const post = await getPost('posts', result.remoteId);
    expect(post.status).toBe('future');
    expect(post.date_gmt).toBe(publishAt.toISOString().slice(0, 19));
    // Not the ?p= link of an unpublished post: where it will live once out.
    expect(result.url).toBe(`${WP_URL}/${post.slug}/`);
    expect(result.meta).toMatchObject({ status: 'future', scheduledGmt: publishAt.toISOString().slice(0, 19) });
  });

  it('takes placements down at the end of their vigencia: draft, or out of the category', async () => {
    const id = uniqueId();
    const c = makeComunicado(id, { title: 'Jornada de vacunación', vigenciaHasta: '2026-01-31' });
    const slider = await pub('portal:slider_principal').publish(c, makeContext(dataDir));
    const banner = await pub('portal:banner_aviso').publish(c, makeContext(dataDir));

    const down1 = await pub('portal:slider_principal').takeDown!(c, doneDelivery('portal:slider_principal', slider), makeContext(dataDir));
    expect(down1).toEqual({ outcome: 'draft', detail: `Fin de vigencia: Entrada ${slider.remoteId} pasada a borrador.` });
    expect((await getPost('sliders', slider.remoteId)).status).toBe('draft');

    const down2 = await pub('portal:banner_aviso').takeDown!(c, doneDelivery('portal:banner_aviso', banner), makeContext(dataDir));
    expect(down2).toEqual({ outcome: 'uncategorized', detail: `Fin de vigencia: Entrada ${banner.remoteId} quitada de «Banner de avisos».` });
    const b = await getPost('posts', banner.remoteId);
    expect(b.status).toBe('publish');
    expect(b.categories).not.toContain(categoryIds['banner-avisos']);
    expect(b.sticky).toBe(false);
  });

  it('withdraws to the trash, and says so; a second withdraw finds nothing', async () => {
    const id = uniqueId();
    const c = makeComunicado(id, { title: 'Comunicado que se retira' });
    const result = await pub('portal:noticia').publish(c, makeContext(dataDir));
    const delivery = doneDelivery('portal:noticia', result);
    const w = await pub('portal:noticia').withdraw!(c, delivery, makeContext(dataDir));
    expect(w).toEqual({ outcome: 'removed', detail: `Entrada ${result.remoteId} enviada a la papelera del portal.` });
    expect((await getPost('posts', result.remoteId)).status).toBe('trash');
    const again = await pub('portal:noticia').withdraw!(c, delivery, makeContext(dataDir));
    expect(again.outcome).toBe('not_found');
  });

  it('withdraws to draft when the config says `withdraw: draft`', async () => {
    const drafting = createPortalPublishers(makeDeps(dataDir, { ...PORTAL, withdraw: 'draft' }, vars));
    const noticia = byDestination(drafting, 'portal:noticia');
    const c = makeComunicado(uniqueId(), { title: 'Retiro a borrador' });
    const result = await noticia.publish(c, makeContext(dataDir));
    const w = await noticia.withdraw!(c, doneDelivery('portal:noticia', result), makeContext(dataDir));
    expect(w.detail).toBe(`Entrada ${result.remoteId} pasada a borrador: ya no se ve en el portal.`);
    expect((await getPost('posts', result.remoteId)).status).toBe('draft');
  });

  it('after a crash between creating the post and recording it, reconciles by slug and never posts twice', async () => {
    const id = uniqueId();
    const img = await writeImage(dataDir, `crash-${id}.jpg`, { r: 90, g: 90, b: 90 }, { alt: 'Foto' });
    const c = makeComunicado(id, { title: 'Cierre de la avenida Quinta', attachments: [img] });
    const created = await pub('portal:noticia').publish(c, makeContext(dataDir));
    // The process died here: the delivery stayed in flight and came back `unknown`.
    const lost = unknownDelivery('portal:noticia');
    const found = (await pub('portal:noticia').reconcile!(c, lost, makeContext(dataDir))) as PublishResult;
    expect(found.remoteId).toBe(created.remoteId);
    expect(found.url).toBe(created.url);
    expect(found.meta).toMatchObject({ reconciled: true, featuredMedia: expect.any(Number) });
    // Even a blind retry finds it instead of posting again.
    const retried = await pub('portal:noticia').publish(c, makeContext(dataDir));
    expect(retried.remoteId).toBe(created.remoteId);
    const slug = (created.meta as { slug: string }).slug;
    expect(await countBySlug('posts', slug)).toBe(1);
    // Nothing there: proven absent.
    const other = makeComunicado(uniqueId(), { title: 'Nunca publicado' });
    expect(await pub('portal:noticia').reconcile!(other, unknownDelivery('portal:noticia'), makeContext(dataDir))).toBeNull();
  });

  it('keeps a hostile title, lead and body as text: no markup reaches the page', async () => {
    const id = uniqueId();
    const title = `<script>alert("x")</script> "Comillas" & 'apóstrofe' <b>negrita</b>`;
    const c = makeComunicado(id, {
      title,
      lead: '<img src=x onerror=alert(1)> entradilla',
      body: 'Texto <iframe src="https://malo.example"></iframe> final',
    });
    const result = await pub('portal:noticia').publish(c, makeContext(dataDir));
    const post = await getPost('posts', result.remoteId);
    expect(post.slug).toBe(`${id.toLowerCase()}-script-alert-x-script-comillas-apostrofe-b-negrita-b`);
    expect(post.title.rendered).not.toMatch(/<script|<b>/i);
    expect(post.title.rendered).toContain('&lt;script&gt;');
    expect(post.content.raw).toContain('Texto &lt;iframe src=&quot;https://malo.example&quot;&gt;&lt;/iframe&gt; final');
    const page = (await axios.get<string>(result.url, { responseType: 'text' })).data;
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<iframe src="https://malo.example"');
    expect(page).not.toMatch(/<img src=x onerror/);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; entradilla');
    expect(page).toContain('&lt;script&gt;alert');
  });

  it('hosts media for Instagram: the public URL serves the same bytes', async () => {
    const img = await writeImage(dataDir, `ig-${uniqueId()}.jpg`, { r: 250, g: 200, b: 0 });
    const hosted = await pub('portal:noticia').mediaHost!.upload({ path: img.path, filename: img.filename, mime: img.mime, alt: 'Para Instagram' });
    expect(hosted.url.startsWith(`${WP_URL}/wp-content/uploads/`)).toBe(true);
    const bytes = Buffer.from((await axios.get(hosted.url, { responseType: 'arraybuffer' })).data as ArrayBuffer);
    expect(sha256(bytes)).toBe(img.sha256);
  });

  describe('errors, in Spanish, with nothing left half-published', () => {
    const expectPublishError = async (p: Promise<unknown>) => {
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PublishError);
      return err as PublishError;
    };

    it('wrong application password: failed, account unhealthy, says which variables to fix', async () => {
      const bad = createPortalPublishers(makeDeps(dataDir, PORTAL, { ...vars, PORTAL_APP_PASSWORD: 'abcd efgh ijkl mnop qrst uvwx' }));
      const marker = `pw-${uniqueId()}`;
      const img = await writeImage(dataDir, `${marker}.jpg`, { r: 1, g: 2, b: 3 }, { alt: 'x' });
      const err = await expectPublishError(byDestination(bad, 'portal:noticia').publish(makeComunicado(uniqueId(), { title: 'Clave mala', attachments: [img] }), makeContext(dataDir)));
      expect(err.kind).toBe('failed');
      expect(err.code).toBe('auth_failed');
      expect(err.accountUnhealthy).toBe(true);
      expect(err.message).toContain(`El portal rechazó el usuario o la contraseña de aplicación de «${USER}» (401)`);
      expect(err.message).toContain('PORTAL_USER y PORTAL_APP_PASSWORD');
      expect(err.message).not.toContain('abcd');
      expect(await mediaNamed(marker)).toBe(0);
      const access = await byDestination(bad, 'portal:noticia').checkAccess!();
      expect(access.ok).toBe(false);
      expect(access.detail).toContain('contraseña de aplicación');
    });

    it('missing capability: a contributor may not publish, and /cuentas says what it cannot do', async () => {
      const contributor = createPortalPublishers(makeDeps(dataDir, PORTAL, { ...vars, PORTAL_USER: CONTRIBUTOR, PORTAL_APP_PASSWORD: CONTRIBUTOR_PASSWORD }));
      const err = await expectPublishError(byDestination(contributor, 'portal:noticia').publish(makeComunicado(uniqueId(), { title: 'Sin permiso' }), makeContext(dataDir)));
      expect(err.kind).toBe('failed');
      expect(err.code).toBe('forbidden');
      expect(err.message).toContain(`El usuario «${CONTRIBUTOR}» del portal no tiene permiso para publicar entradas`);
      expect(err.message).toContain('rol Editor');
      const img = await writeImage(dataDir, `contrib-${uniqueId()}.jpg`, { r: 5, g: 5, b: 5 }, { alt: 'x' });
      const upload = await expectPublishError(byDestination(contributor, 'portal:noticia').publish(makeComunicado(uniqueId(), { title: 'Sin permiso de subir', attachments: [img] }), makeContext(dataDir)));
      expect(upload.message).toContain('no tiene permiso para subir archivos a la biblioteca de medios');
      const access = await byDestination(contributor, 'portal:noticia').checkAccess!();
      expect(access.ok).toBe(false);
      expect(access.detail).toContain(`usuario «${CONTRIBUTOR}» (contributor) NO puede publicar, subir archivos, fijar entradas en portada, crear etiquetas`);
    });

    it('a category that does not exist: failed before any upload, names the category and the setting', async () => {
      const wrong = createPortalPublishers(makeDeps(dataDir, { ...PORTAL, placements: { noticia: { categories: ['Noticias', 'Boletines'] } } }, vars));
      const marker = `cat-${uniqueId()}`;
      const img = await writeImage(dataDir, `${marker}.jpg`, { r: 9, g: 9, b: 9 }, { alt: 'x' });
      const err = await expectPublishError(byDestination(wrong, 'portal:noticia').publish(makeComunicado(uniqueId(), { title: 'Categoría inexistente', attachments: [img] }), makeContext(dataDir)));
      expect(err.code).toBe('category_missing');
      expect(err.kind).toBe('failed');
      expect(err.message).toContain('La categoría «Boletines» de noticia no existe en el portal');
      expect(err.message).toContain('portal.placements.noticia.categories');
      expect(await mediaNamed(marker)).toBe(0);
      const access = await byDestination(wrong, 'portal:noticia').checkAccess!();
      expect(access.ok).toBe(false);
      expect(access.detail).toContain('«Boletines»');
    });

    it('a file type the portal refuses: failed, and the image uploaded before it is deleted again', async () => {
      const id = uniqueId();
      const good = await writeImage(dataDir, `ok-${id}.jpg`, { r: 40, g: 40, b: 40 }, { alt: 'bien' });
      const svg = await writeRaw(dataDir, `logo-${id}.svg`, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image', 'image/svg+xml', { alt: 'logo' });
      const err = await expectPublishError(pub('portal:noticia').publish(makeComunicado(id, { title: 'Con SVG', attachments: [good, svg] }), makeContext(dataDir)));
      expect(err.kind).toBe('failed');
      expect(err.code).toBe('file_refused');
      expect(err.message).toContain(`El portal no acepta archivos del tipo de «logo-${id}.svg» (image/svg+xml)`);
      expect(err.message).toContain('Los archivos que alcanzaron a subirse (1) se borraron del portal.');
      expect(await mediaNamed(id)).toBe(0);
    });

    it('media uploaded but the post refused: the media are deleted and the error says so', async () => {
      const id = uniqueId();
      const img = await writeImage(dataDir, `refused-${id}.jpg`, { r: 70, g: 10, b: 10 }, { alt: 'x' });
      const err = await expectPublishError(pub('portal:noticia').publish(makeComunicado(id, { title: 'Entrada [rechazar-entrada]', attachments: [img] }), makeContext(dataDir)));
      expect(err.kind).toBe('failed');
      expect(err.message).toContain('Entrada rechazada por el sitio de pruebas.');
      expect(err.message).toContain('se borraron del portal');
      expect(await mediaNamed(id)).toBe(0);
    });

    it('media uploaded and the post failed on the server: unknown, media kept and listed for a person', async () => {
      const id = uniqueId();
      const img = await writeImage(dataDir, `fail-${id}.jpg`, { r: 10, g: 70, b: 10 }, { alt: 'x' });
      const err = await expectPublishError(pub('portal:noticia').publish(makeComunicado(id, { title: 'Entrada [fallar-entrada]', attachments: [img] }), makeContext(dataDir)));
      expect(err.kind).toBe('unknown');
      expect(err.message).toMatch(/Los archivos subidos \(ids \d+\) se dejaron en el portal/);
      expect(await mediaNamed(id)).toBe(1);
    });
  });

  it('settle window of the slug search after a crash: not found counts only after 30 s; found later is done with its link', async () => {
    const T0 = Date.parse('2026-03-10T15:00:00.000Z');
    const clock = new ManualClock(T0);
    const late = makeComunicado(uniqueId(), { title: 'Publicado con demora' });
    const { engine, store, id } = await restartedEngine({ publishers: [pub('portal:noticia')], comunicado: late, dest: 'portal:noticia', sentAt: new Date(T0), clock, dataDir: dataDir });
    clock.advance(5);
    await engine.recover();
    expect((await store.get(id))!.deliveries['portal:noticia']!.state).toBe('verifying');
    // The create the bot sent lands on the portal late; the next lookup finds it.
    const created = await pub('portal:noticia').publish(late, makeContext(dataDir));
    clock.advance(15);
    await engine.verifyDue();
    expect((await store.get(id))!.deliveries['portal:noticia']).toMatchObject({ state: 'done', remoteId: created.remoteId, url: created.url });

    const never = makeComunicado(uniqueId(), { title: 'Nunca llegó' });
    const clock2 = new ManualClock(T0);
    const again = await restartedEngine({ publishers: [pub('portal:noticia')], comunicado: never, dest: 'portal:noticia', sentAt: new Date(T0), clock: clock2, dataDir });
    clock2.advance(29);
    await again.engine.recover();
    expect((await again.store.get(again.id))!.deliveries['portal:noticia']!.state).toBe('verifying');
    clock2.advance(1);
    await again.engine.verifyDue();
    expect((await again.store.get(again.id))!.deliveries['portal:noticia']).toMatchObject({ state: 'failed', error: { code: 'not_created' } });
  });

  // In this file, not one of its own: the tests here count the media library, and a file
  // running beside them would change the count.
  it('a video with captions (issue 20): the video and its .vtt attached to the post, embedded with <track kind="captions">', async () => {
    const id = uniqueId();
    const stem = `recorrido-${id.toLowerCase()}`;
    const captions = await ingestCaptions(fileOf(`${stem}.srt`, GOOD_SRT), { dataDir, folder: id });
    const video = await writeRaw(dataDir, `${stem}.mp4`, tinyMp4(8 * 1024), 'video', 'video/mp4', { captions });
    const c = makeComunicado(id, { title: 'Recorrido por las obras del barrio Jordán', lead: 'El alcalde recorrió las obras.', attachments: [video] });
    const result = await pub('portal:noticia').publish(c, makeContext(dataDir));
    const media = result.meta!.media as Array<{ id: number; kind: string; url: string; filename: string }>;
    try {
      expect(media.map((m) => [m.kind, m.filename])).toEqual([
        ['video', `${stem}.mp4`],
        ['captions', `${stem}.vtt`],
      ]);
      // The .vtt in the library is the WebVTT form of the SRT, a text/vtt attached to the post.
      const vtt = (await wp.get(`media/${media[1]!.id}`, { params: { context: 'edit' } })).data as { mime_type: string; post: number; source_url: string };
      expect(vtt).toMatchObject({ mime_type: 'text/vtt', post: Number(result.remoteId) });
      expect((await axios.get<string>(vtt.source_url, { responseType: 'text' })).data).toContain('WEBVTT\n\n1\n00:00:00.500 --> 00:00:03.000\nBuenos días, ibaguereños.');
      expect((await wp.get(`media/${media[0]!.id}`, { params: { context: 'edit' } })).data).toMatchObject({ mime_type: 'video/mp4', post: Number(result.remoteId) });
      // The page embeds the video with its captions track.
      const post = await getPost('posts', result.remoteId);
      expect(post.content.raw).toContain(`<video controls preload="metadata" src="${media[0]!.url}"><track kind="captions" src="${media[1]!.url}" srclang="es" label="Español" default>`);
      const page = (await axios.get<string>(result.url, { responseType: 'text' })).data;
      expect(page).toContain(`<track kind="captions" src="${media[1]!.url}" srclang="es" label="Español" default`);
    } finally {
      await wp.delete(`posts/${result.remoteId}`, { params: { force: true } });
      for (const m of media) await wp.delete(`media/${m.id}`, { params: { force: true } });
    }
    // Its own media are gone (not the library's total: other runs may share this WordPress).
    for (const m of media) expect((await wp.get(`media/${m.id}`, { validateStatus: () => true })).status).toBe(404);
  });
});
