import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env.ts';
import { createPortalPublishers } from '../../src/publish/portal/index.ts';
import { JEFE, startBot, testConfig } from '../fakes/broadcast/app.ts';
import { RecordingChat, newInbox } from '../fakes/broadcast/recording-chat.ts';
import { byDestination, makeComunicado, makeContext, makeDeps, tempDataDir, uniqueId } from '../integration/portal/helpers.ts';

/*
 * Issue 14, the portal's rough edges, against a real WordPress (test/wordpress/start.sh;
 * skipped without WP_TEST_URL, as wordpress-publisher.test.ts says in one line). Every
 * count is scoped to this test's own unique names: other suites use the same site.
 */
const raw = readEnv().raw;
const WP_URL = raw.WP_TEST_URL;
const USER = raw.WP_TEST_USER ?? '';
const PASSWORD = raw.WP_TEST_APP_PASSWORD ?? '';

const PORTAL = {
  type: 'wordpress',
  name: 'Portal de pruebas',
  placements: {
    noticia: { categories: ['noticias'] },
    slider_principal: { type: 'sliders', categories: ['Slider principal'], meta: { enlace_noticia: '{noticiaUrl}', vigencia_hasta: '{vigenciaHasta}' } },
  },
};

interface WpPostView {
  id: number;
  content: { raw: string; rendered: string };
  title: { raw: string };
}

describe.skipIf(!WP_URL)('portal edges (issue 14), on a real WordPress', () => {
  const wp = axios.create({ baseURL: `${WP_URL}/wp-json/wp/v2/`, auth: { username: USER, password: PASSWORD } });
  const vars = { PORTAL_URL: WP_URL ?? '', PORTAL_USER: USER, PORTAL_APP_PASSWORD: PASSWORD };
  let dataDir: string;
  let cleanup: () => Promise<void>;

  const getPost = async (type: string, id: string | number) => (await wp.get<WpPostView>(`${type}/${id}`, { params: { context: 'edit' } })).data;
  const publishers = (portal: Record<string, unknown> = PORTAL) => createPortalPublishers(makeDeps(dataDir, portal, vars));
  const count = (text: string, part: string) => text.split(part).length - 1;

  beforeAll(async () => {
    ({ dir: dataDir, cleanup } = await tempDataDir());
  });
  afterAll(async () => cleanup?.());

  describe('item 17: what a placement needs is checked before approval', () => {
    it('a category that does not exist and a custom field the theme does not register: the preview warns and /cuentas says it, before approval', async () => {
      const missing = `Boletines ${uniqueId().slice(-6)}`;
      const portal = {
        ...PORTAL,
        placements: {
          noticia: { categories: ['noticias', missing] },
          slider_principal: { type: 'sliders', categories: ['Slider principal'], meta: { enlace_noticia: '{noticiaUrl}', color_fondo: 'azul' } },
          popup: { type: 'popups' },
        },
      };
      const inbox = newInbox();
      const bot = await startBot({ dataDir, config: testConfig(), chats: [new RecordingChat({ inbox })], publishers: publishers(portal) });
      try {
        const author = { platform: 'slack' as const, userId: 'UREDACTORA', name: 'Redactora' };
        const text = ['Jornada de vacunación en las comunas', '', 'Este sábado.', 'destinos: portal, portal:slider_principal, portal:popup', 'vigencia: 2030-12-31'].join('\n');
        const c = await bot.app.services.comunicados.submit({ text, files: [], actor: author, origin: { platform: 'slack', channel: 'CCOM', messageId: 'M1' } });
        await bot.app.idle();
        const preview = inbox.posts.find((p) => p.message.buttons?.some((b) => b.id === 'approve'))!.message;
        const body = (preview.sections ?? []).map((s) => `${s.heading ?? ''}\n${s.body ?? ''}`).join('\n');
        expect(body).toContain(`⚠️ La categoría «${missing}» de noticia no existe en el portal: así no se puede publicar.`);
        expect(body).toContain('⚠️ El portal no recibe los campos «color_fondo» en «Sliders» (slider_principal): se publicaría sin ellos.');
        expect(body).toContain('⚠️ El tipo de contenido «popups» de popup no existe en el portal');
        // The categories that exist and the registered field are not warned about.
        expect(body).not.toContain('«noticias»');
        expect(body).not.toContain('«enlace_noticia»');
        expect((await bot.store.get(c.id))!.state).toBe('pending_approval');

        const before = inbox.posts.length;
        await bot.app.handle({ type: 'command', name: 'cuentas', text: '', files: [], eventKey: 'e-cuentas', actor: JEFE, origin: { platform: 'slack', channel: 'CCOM', messageId: 'M2' } });
        await bot.app.idle();
        const cuentas = inbox.posts.slice(before).find((p) => p.message.text.startsWith('Estado de las cuentas'))!.message.text;
        expect(cuentas).toMatch(new RegExp(`Portal · noticia: ❌ [^\n]*\\nLa categoría «${missing}» de noticia no existe en el portal`));
        expect(cuentas).toContain('El portal no recibe los campos «color_fondo» en «Sliders» (slider_principal)');
        expect(cuentas).toContain('El tipo de contenido «popups» de popup no existe en el portal');
      } finally {
        await bot.stop();
      }
    });
  });

  describe('item 19: the article says each thing once', () => {
    it('a hashtag typed in the body is not repeated in a hashtags paragraph; one given apart still is', async () => {
      const id = uniqueId();
      const typed = `Cultura${id.slice(-6)}`;
      const apart = `Apart${id.slice(-6)}`;
      const c = makeComunicado(id, {
        title: 'Festival de la música en la plaza',
        lead: 'La entrada es libre.',
        body: `Los conciertos empiezan a las 6 p. m. #${typed}\n\nHabrá transporte gratuito.`,
        hashtags: [typed, apart],
      });
      const result = await byDestination(publishers(), 'portal:noticia').publish(c, makeContext(dataDir));
      const post = await getPost('posts', result.remoteId);
      expect(count(post.content.raw, `#${typed}`)).toBe(1);
      expect(post.content.raw).toContain(`<p>Los conciertos empiezan a las 6 p. m. #${typed}</p>`);
      expect(post.content.raw).toContain(`<p class="comunicado-hashtags">#${apart}</p>`);
      // WordPress prints the title itself: the body does not repeat it.
      expect(post.title.raw).toBe('Festival de la música en la plaza');
      expect(post.content.raw).not.toContain('<h1>');
      expect(count(post.content.rendered, 'Festival de la música en la plaza')).toBe(0);
    });

    it('`titleInBody: true` (a theme that does not print the title) puts it once, as <h1>, at the top of the body', async () => {
      const id = uniqueId();
      const c = makeComunicado(id, { title: 'Cierre vial en la calle 60 & avenida', lead: 'Desde el lunes.', body: 'Por obras.' });
      const result = await byDestination(publishers({ ...PORTAL, titleInBody: true }), 'portal:noticia').publish(c, makeContext(dataDir));
      const post = await getPost('posts', result.remoteId);
      expect(post.content.raw.startsWith('<h1>Cierre vial en la calle 60 &amp; avenida</h1>\n')).toBe(true);
      expect(count(post.content.raw, '<h1>')).toBe(1);
    });
  });
});
