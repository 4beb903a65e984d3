import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalPublishers } from '../../../src/publish/portal/index.ts';
import { JEFE, startBot, testConfig } from '../../fakes/handoff/app.ts';
import { RecordingChat, newInbox } from '../../fakes/handoff/recording-chat.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from '../../fakes/portal/http-receiver.ts';
import { byDestination, makeComunicado, makeContext, makeDeps, tempDataDir } from './helpers.ts';

const SECRET = 'secreto-compartido-del-portal-0123456789';

/*
 * Issue 14 item 17 on the generic http portal: a receiver that publishes only some
 * placements lists them in its access check (docs/portal-http.md), and the bot says so in
 * the preview and in /cuentas before the Jefe approves, rather than after the noticia went out.
 */
describe('http portal: what a placement needs is checked before approval', () => {
  let fake: FakeHttpPortal;
  let dataDir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    fake = await startFakeHttpPortal(SECRET, { placements: ['noticia', 'banner_aviso'] });
    ({ dir: dataDir, cleanup } = await tempDataDir());
  });
  afterAll(async () => {
    await fake.close();
    await cleanup();
  });

  const publishers = () => createPortalPublishers(makeDeps(dataDir, { type: 'http', name: 'Portal Alcaldía' }, { PORTAL_URL: fake.url, PORTAL_HMAC_SECRET: SECRET }));

  it('the preview warns about a placement the receiver does not publish, /cuentas says it; the others pass', async () => {
    const inbox = newInbox();
    const bot = await startBot({ dataDir, config: testConfig(), chats: [new RecordingChat({ inbox })], publishers: publishers() });
    try {
      const author = { platform: 'slack' as const, userId: 'UREDACTORA', name: 'Redactora' };
      const text = ['Feria del libro en el parque', '', 'Del 1 al 5 de mayo.', 'destinos: portal, portal:slider_principal', 'vigencia: 2030-12-31'].join('\n');
      const c = await bot.app.services.comunicados.submit({ text, files: [], actor: author, origin: { platform: 'slack', channel: 'CCOM', messageId: 'M1' } });
      await bot.app.idle();
      const preview = inbox.posts.find((p) => p.message.buttons?.some((b) => b.id === 'approve'))!.message;
      const sections = preview.sections ?? [];
      const slider = sections.find((s) => s.heading?.startsWith('Portal · slider principal'))!;
      const noticia = sections.find((s) => s.heading?.startsWith('Portal · noticia'))!;
      expect(slider.body).toContain('⚠️ El receptor del portal no acepta la ubicación slider_principal: así no se puede publicar.');
      expect(noticia.body).not.toContain('⚠️');
      expect((await bot.store.get(c.id))!.state).toBe('pending_approval');
      // The check was a signed GET, nothing was posted.
      expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
      expect(fake.requests.some((r) => r.method === 'GET' && r.query.includes('check=1') && r.signatureOk)).toBe(true);

      const before = inbox.posts.length;
      await bot.app.handle({ type: 'command', name: 'cuentas', text: '', files: [], eventKey: 'e-cuentas', actor: JEFE, origin: { platform: 'slack', channel: 'CCOM', messageId: 'M2' } });
      await bot.app.idle();
      const cuentas = inbox.posts.slice(before).find((p) => p.message.text.startsWith('Estado de las cuentas'))!.message.text;
      expect(cuentas).toContain('Portal · slider principal: ❌ Portal Alcaldía: el receptor');
      expect(cuentas).toContain('El receptor del portal no acepta la ubicación slider_principal');
      expect(cuentas).toMatch(/Portal · noticia: ✅ Portal Alcaldía: el receptor/);
      expect(cuentas).toMatch(/Portal · banner de avisos: ✅/);
    } finally {
      await bot.stop();
    }
  });

  it('the receiver refuses such a placement when it is posted anyway: failed, quoting the portal', async () => {
    const slider = byDestination(publishers(), 'portal:slider_principal');
    await expect(slider.checkNeeds!(makeComunicado('C-2026-0150', { title: 'x' }))).resolves.toEqual([
      'El receptor del portal no acepta la ubicación slider_principal: así no se puede publicar. Pida a quien mantiene el portal que la agregue, o quite slider_principal de los destinos.',
    ]);
    await expect(slider.publish(makeComunicado('C-2026-0150', { title: 'Otra' }), makeContext(dataDir))).rejects.toMatchObject({ kind: 'failed' });
  });
});
