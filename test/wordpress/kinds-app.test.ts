import { randomBytes } from 'node:crypto';
import axios from 'axios';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { readEnv } from '../../src/config/env.ts';
import type { Comunicado } from '../../src/domain/comunicado.ts';
import type { schedulerExtension } from '../../src/schedule/scheduler.ts';
import { LowdbStore } from '../../src/store/lowdb-store.ts';
import { silentLogger } from '../../src/util/logger.ts';
import { JEFE, tempDir, testConfig, virtualClock } from '../fakes/handoff/app.ts';
import { RecordingChat, newInbox, type Inbox } from '../fakes/handoff/recording-chat.ts';

/*
 * Issue 16, from the chat to the real WordPress (test/wordpress/start.sh), through the app
 * (createApp with the real portal publishers) and the scheduler on an injected clock: a
 * convocatoria in the slider until its deadline, then taken down with its noticia updated;
 * a second pop-up replacing the first; a link on a domain the config does not allow
 * refused before anything exists. Skipped without WP_TEST_URL.
 */
const raw = process.env;
const WP_URL = raw.WP_TEST_URL;
const USER = raw.WP_TEST_USER ?? '';
const PASSWORD = raw.WP_TEST_APP_PASSWORD ?? '';
const ZONE = 'America/Bogota';

interface WpItem {
  id: number;
  status: string;
  link: string;
  content: { raw: string };
  meta?: Record<string, unknown>;
}

describe.skipIf(!WP_URL)('issue 16 kinds, from the chat to a real WordPress', () => {
  const wp = axios.create({ baseURL: `${WP_URL}/wp-json/wp/v2/`, auth: { username: USER, password: PASSWORD } });
  // The scheduler reads this clock; WordPress keeps its own (nothing here is embargoed).
  const clock = virtualClock(new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString());
  const author = { platform: 'slack' as const, userId: 'UREDACTORA', name: 'Redactora' };
  let dir: { dir: string; cleanup(): Promise<void> };
  let store: LowdbStore;
  let app: App;
  let inbox: Inbox;
  const token = randomBytes(3).toString('hex');

  beforeAll(async () => {
    dir = await tempDir('kinds-wp-');
    inbox = newInbox();
    const config = testConfig({
      portal: {
        type: 'wordpress',
        name: 'Portal de pruebas',
        allowedLinkDomains: ['ibague.gov.co'],
        placements: {
          noticia: { categories: ['noticias'] },
          slider_principal: { type: 'sliders', categories: ['Slider principal'], hashtagsAsTags: false, meta: { enlace_noticia: '{enlace}', vigencia_hasta: '{cierre}' } },
          popup: { categories: ['pop-up'], hashtagsAsTags: false },
        },
      },
      convocatorias: { reminderDaysBefore: 3 },
    });
    const env = readEnv({ DATA_DIR: dir.dir, PORTAL_URL: WP_URL!, PORTAL_USER: USER, PORTAL_APP_PASSWORD: PASSWORD });
    store = await LowdbStore.open(dir.dir, { now: clock.now });
    app = createApp({ env, config, store, chats: [new RecordingChat({ inbox, now: clock.ms })], logger: silentLogger(), now: clock.now, sleep: clock.sleep });
    await app.start();
  });

  afterAll(async () => {
    // Everything this file put on the portal goes away: its posts, then their media.
    for (const s of (await store?.list()) ?? []) {
      const c = (await store.get(s.id))!;
      for (const d of Object.values(c.deliveries)) {
        if (!d.remoteId || d.dryRun) continue;
        const type = d.destination === 'portal:slider_principal' ? 'sliders' : 'posts';
        await wp.delete(`${type}/${d.remoteId}`, { params: { force: true } }).catch(() => undefined);
        for (const m of (d.meta?.ownMedia as number[] | undefined) ?? []) await wp.delete(`media/${m}`, { params: { force: true } }).catch(() => undefined);
      }
    }
    await app?.stop();
    await store?.close();
    await dir?.cleanup();
  });

  const scheduler = () => app.extensions.find((e) => e.name === 'scheduler') as ReturnType<typeof schedulerExtension>;
  async function tickAt(ms: number): Promise<void> {
    clock.set(new Date(ms).toISOString());
    await scheduler().tick();
    await app.idle();
  }
  async function submitAndApprove(text: string, messageId: string): Promise<Comunicado> {
    const c = await app.services.comunicados.submit({ text, files: [], actor: author, origin: { platform: 'slack', channel: 'CCOM', messageId } });
    await app.services.comunicados.apply(c.id, { type: 'approve' }, JEFE);
    await app.idle();
    return (await store.get(c.id))!;
  }
  const item = async (type: string, id: string | undefined) => (await wp.get<WpItem>(`${type}/${id}`, { params: { context: 'edit' } })).data;

  it('a convocatoria stays in the slider until cierre, comes down after it, and its noticia says «cerrada»', { timeout: 120_000 }, async () => {
    const cierre = DateTime.fromMillis(clock.ms(), { zone: ZONE }).plus({ days: 5 }).startOf('hour');
    const c = await submitAndApprove(
      [
        `Convocatoria de becas ${token}`,
        '',
        'La Alcaldía abre 200 becas para bachilleres. Hay plazo de cinco días.',
        'tipo: convocatoria',
        `cierre: ${cierre.toFormat('yyyy-MM-dd HH:mm')}`,
        'inscripciones: https://www.ibague.gov.co/becas',
        'destinos: portal, slider',
      ].join('\n'),
      'C1',
    );
    expect(c.state).toBe('published');
    const noticia = c.deliveries['portal:noticia']!;
    const slider = c.deliveries['portal:slider_principal']!;
    const s = await item('sliders', slider.remoteId);
    expect(s.status).toBe('publish');
    expect(s.meta).toMatchObject({ enlace_noticia: noticia.url, vigencia_hasta: cierre.toUTC().toISO({ suppressMilliseconds: true }) });
    expect(s.content.raw).toContain('Inscríbase aquí');
    expect(s.content.raw).not.toContain('Hay plazo de cinco días'); // one line, no copy of the article
    const n0 = await item('posts', noticia.remoteId);
    expect(n0.content.raw).toContain('<a href="https://www.ibague.gov.co/becas">Inscríbase aquí</a>');

    // A minute before cierre: still up (the reminder went to approval meanwhile).
    await tickAt(cierre.toMillis() - 60_000);
    expect((await item('sliders', slider.remoteId)).status).toBe('publish');
    expect((await store.list()).some((x) => x.title === `Últimos días para Convocatoria de becas ${token}` && x.state === 'pending_approval')).toBe(true);

    // Past cierre: the slider is a draft (not public), the noticia says it closed, once.
    await tickAt(cierre.toMillis() + 60_000);
    expect((await item('sliders', slider.remoteId)).status).toBe('draft');
    expect((await axios.get(slider.url!, { validateStatus: () => true })).status).toBe(404);
    const when = cierre.setLocale('es-CO').toFormat("d 'de' LLLL 'de' yyyy, HH:mm");
    const n1 = await item('posts', noticia.remoteId);
    expect(n1.status).toBe('publish');
    expect(n1.content.raw.startsWith(`<p class="comunicado-cerrada"><strong>Convocatoria cerrada el ${when}.</strong></p>`)).toBe(true);
    const page = await axios.get<string>(noticia.url!, { responseType: 'text' });
    expect(page.data).toContain(`Convocatoria cerrada el ${when}.`);
    await tickAt(cierre.toMillis() + 3_600_000);
    expect((await item('posts', noticia.remoteId)).content.raw.match(/comunicado-cerrada/g)).toHaveLength(1);
    const after = (await store.get(c.id))!;
    expect(after.audit.filter((a) => a.action === 'convocatoria_closed')).toHaveLength(1);
    expect(after.deliveries['portal:slider_principal']!.takenDownAt).toBeDefined();
  });

  it('a second pop-up replaces the first on the portal, recorded on both comunicados', { timeout: 120_000 }, async () => {
    const text = (title: string) => [title, '', `${title}: información para la ciudadanía.`, 'tipo: aviso', 'destinos: popup', 'enlace: https://ibague.gov.co/avisos'].join('\n');
    const first = await submitAndApprove(text(`Primer aviso ${token}`), 'P1');
    const firstPopup = first.deliveries['portal:popup']!;
    expect((await item('posts', firstPopup.remoteId)).status).toBe('publish');
    const second = await submitAndApprove(text(`Segundo aviso ${token}`), 'P2');
    const secondPopup = second.deliveries['portal:popup']!;
    expect(secondPopup.state).toBe('done');
    const p2 = await item('posts', secondPopup.remoteId);
    expect(p2.status).toBe('publish');
    expect(p2.content.raw).toContain('<a href="https://ibague.gov.co/avisos">Más información</a>');
    expect((await item('posts', firstPopup.remoteId)).status).toBe('draft');
    expect((await axios.get(firstPopup.url!, { validateStatus: () => true })).status).toBe(404);
    const old = (await store.get(first.id))!;
    expect(old.deliveries['portal:popup']!.meta?.takeDown).toMatchObject({ outcome: 'draft', replacedBy: second.id });
    expect(old.audit.some((a) => a.action === 'popup_replaced')).toBe(true);
    expect((await store.get(second.id))!.audit.some((a) => a.action === 'popup_replaces' && a.detail?.includes(first.id))).toBe(true);
  });

  it('a link on a domain the config does not allow is refused before anything is created', async () => {
    const before = (await store.list()).length;
    const text = [`Aviso con enlace ajeno ${token}`, '', 'Texto.', 'tipo: aviso', 'destinos: popup', 'enlace: https://ibague.gov.co.phish.example/pagos'].join('\n');
    await app.handle({ type: 'command', name: 'comunicado', text, files: [], eventKey: `bad-${token}`, actor: author, origin: { platform: 'slack', channel: 'CCOM', messageId: 'B1' } });
    await app.idle();
    expect(inbox.posts.at(-1)!.message.text).toContain('apunta al dominio «ibague.gov.co.phish.example», que no está entre los permitidos (ibague.gov.co)');
    expect((await store.list()).length).toBe(before);
    const found = (await wp.get<unknown[]>('posts', { params: { search: `Aviso con enlace ajeno ${token}`, status: 'publish,future,draft,pending,private', context: 'edit' } })).data;
    expect(found).toEqual([]);
  });
});
