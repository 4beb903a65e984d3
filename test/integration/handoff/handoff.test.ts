import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { handoffExtension } from '../../../src/handoff/extension.ts';
import { readHandoff } from '../../../src/handoff/record.ts';
import type { ChatEvent } from '../../../src/chat/port.ts';
import { startBot, submitAndApprove, tempDir, testConfig, virtualClock, type Bot } from '../../fakes/handoff/app.ts';
import { fakePortalPublishers, newPortal } from '../../fakes/handoff/portal.ts';
import { RecordingChat, newInbox, type Inbox } from '../../fakes/handoff/recording-chat.ts';

const TEXT = [
  'Alcaldía entrega 120 luminarias LED en el barrio Jordán 💡',
  '',
  'La Secretaría de Infraestructura instaló 120 luminarias que mejoran la seguridad de 3.000 habitantes.',
  '',
  'Cuerpo del comunicado. #IbaguéBrilla',
].join('\n');

const TEAM = {
  team: {
    reminderAfterMinutes: 90,
    quietHours: '',
    members: [
      { name: 'Ana María Pérez', slack: 'UANA' },
      { name: 'Luis Rojas', slack: 'ULUIS' },
      { name: 'Marta Gómez', slack: 'UMARTA' },
      { name: 'Pausada', slack: 'UPAUSA', handoff: false },
    ],
  },
};

function handoffOf(bot: Bot) {
  return bot.app.extensions.find((e) => e.name === 'handoff') as ReturnType<typeof handoffExtension>;
}

let n = 0;
function action(userId: string, value: string): ChatEvent {
  return { type: 'action', action: 'handoff_shared', value, eventKey: `a${++n}`, actor: { platform: 'slack', userId }, origin: { platform: 'slack', channel: `D-${userId}` } };
}

describe('WhatsApp hand-off after publication', () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  let inbox: Inbox;
  const bots: Bot[] = [];
  const clock = virtualClock('2026-03-03T15:00:00Z'); // 10:00 in Ibagué

  beforeEach(async () => {
    dir = await tempDir();
    inbox = newInbox();
    clock.set('2026-03-03T15:00:00Z');
  });
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.stop().catch(() => {});
    await dir.cleanup();
  });

  async function bot(): Promise<Bot> {
    const portal = newPortal();
    const b = await startBot({
      dataDir: dir.dir,
      config: testConfig(TEAM),
      chats: [new RecordingChat({ inbox, now: clock.ms })],
      clock,
      publishers: fakePortalPublishers(portal, clock.ms),
    });
    bots.push(b);
    return b;
  }

  it('sends each member a DM with the text, the wa.me link, their tagged link and the button', async () => {
    const b = await bot();
    const c = await submitAndApprove(b.app, TEXT);
    expect(c.state).toBe('published');
    const portalUrl = c.deliveries['portal:noticia']!.url!;

    expect(inbox.dms.map((d) => d.userId).sort()).toEqual(['UANA', 'ULUIS', 'UMARTA']);
    for (const [userId, slug] of [['UANA', 'ana-maria-perez'], ['ULUIS', 'luis-rojas'], ['UMARTA', 'marta-gomez']] as const) {
      const dm = inbox.dms.find((d) => d.userId === userId)!.message;
      const wa = dm.links!.find((l) => l.url.startsWith('https://wa.me/?text='))!.url;
      const text = decodeURIComponent(wa.slice('https://wa.me/?text='.length));
      const mine = dm.links!.find((l) => l.url !== wa)!.url;
      expect(new URL(mine).searchParams.get('utm_content')).toBe(slug);
      expect(new URL(mine).searchParams.get('utm_campaign')).toBe(c.id);
      expect(mine.startsWith(portalUrl.split('?')[0]!)).toBe(true);
      expect(text).toBe(`*${c.content.title}*\n\n${c.content.lead}\n\n${mine}\n#IbaguéBrilla`);
      expect(dm.sections!.some((s) => s.body === text)).toBe(true);
      expect(dm.buttons).toEqual([{ id: 'handoff_shared', label: 'Ya lo compartí', value: `${c.id}|${slug}`, style: 'primary' }]);
    }
    // A summary in the comunicado's thread says how many got it.
    const summary = inbox.posts.find((p) => p.message.text.startsWith('📲 Difusión por WhatsApp'));
    expect(summary?.message.text).toBe(`📲 Difusión por WhatsApp de ${c.id}: mensaje enviado a 3 de 3 integrantes del equipo.`);
    expect(summary?.target.threadId).toBeDefined();

    // A retry that settles the comunicado again sends nothing new.
    await b.app.services.comunicados.publishNow(c.id);
    await b.app.idle();
    expect(inbox.dms).toHaveLength(3);
  });

  it('records confirmations from the button and from a ✅ reaction, once each', async () => {
    const b = await bot();
    const c = await submitAndApprove(b.app, TEXT);
    await b.app.handle(action('UANA', `${c.id}|ana-maria-perez`));
    await b.app.handle(action('UANA', `${c.id}|ana-maria-perez`));
    const lunaDm = inbox.dms.find((d) => d.userId === 'ULUIS')!;
    await b.app.handle({ type: 'reaction', emoji: 'white_check_mark', message: lunaDm.ref, eventKey: 'r1', actor: { platform: 'slack', userId: 'ULUIS' }, origin: { platform: 'slack', channel: lunaDm.ref.channel } });
    await b.app.handle(action('UINTRUSO', c.id));

    const rec = (await readHandoff(b.store, c.id))!;
    expect(rec.members['ana-maria-perez']).toMatchObject({ confirmedVia: 'button', confirmedAt: clock.now().toISOString() });
    expect(rec.members['luis-rojas']).toMatchObject({ confirmedVia: 'reaction' });
    expect(rec.members['marta-gomez']!.confirmedAt).toBeUndefined();
    const answers = inbox.posts.filter((p) => p.target.channel.includes('#only-')).map((p) => p.message.text);
    expect(answers).toEqual([
      `¡Gracias, Ana María Pérez! Quedó registrado que compartió ${c.id}.`,
      `Ana María Pérez, ya estaba registrado que compartió ${c.id}. ¡Gracias!`,
      `¡Gracias, Luis Rojas! Quedó registrado que compartió ${c.id}.`,
      'Usted no está en el equipo de difusión (sección team: de la configuración): no hay nada que registrar.',
    ]);
    // The confirmed DMs are edited: the button goes, a thank-you stays.
    const anaRef = inbox.dms.find((d) => d.userId === 'UANA')!.ref;
    const edit = inbox.updates.find((u) => u.ref.messageId === anaRef.messageId);
    expect(edit?.message.buttons).toBeUndefined();
    expect(edit?.message.text).toContain('✅ Compartido');
  });

  it('reminds only those who did not confirm, after the configured time, once, across a restart', async () => {
    let b = await bot();
    const c = await submitAndApprove(b.app, TEXT);
    await b.app.handle(action('UANA', `${c.id}|ana-maria-perez`));
    const dmsBefore = inbox.dms.length;

    // 89 minutes later: too early.
    clock.advance(89 * 60_000);
    await handoffOf(b).handoff.sweep();
    await b.app.idle();
    expect(inbox.dms).toHaveLength(dmsBefore);

    // The bot restarts; the reminder time lives in the store, not in a timer.
    await b.stop();
    bots.length = 0;
    clock.advance(2 * 60_000);
    b = await bot(); // start() sweeps
    await b.app.idle();
    const reminders = inbox.dms.slice(dmsBefore);
    expect(reminders.map((d) => d.userId).sort()).toEqual(['ULUIS', 'UMARTA']);
    for (const r of reminders) {
      expect(r.message.text.startsWith(`⏰ Recordatorio amable: ${c.id}`)).toBe(true);
      expect(r.message.buttons?.[0]?.id).toBe('handoff_shared');
      expect(r.message.links?.[0]?.url.startsWith('https://wa.me/?text=')).toBe(true);
    }
    // A ✅ on the reminder counts too.
    const marta = reminders.find((r) => r.userId === 'UMARTA')!;
    await b.app.handle({ type: 'reaction', emoji: '✅', message: marta.ref, eventKey: 'r9', actor: { platform: 'slack', userId: 'UMARTA' }, origin: { platform: 'slack', channel: marta.ref.channel } });
    expect((await readHandoff(b.store, c.id))!.members['marta-gomez']!.confirmedVia).toBe('reaction');

    // Later sweeps send nothing more, and the hand-off is closed.
    clock.advance(3 * 3_600_000);
    await handoffOf(b).handoff.sweep();
    await handoffOf(b).handoff.sweep();
    await b.app.idle();
    expect(inbox.dms).toHaveLength(dmsBefore + 2);
    expect((await b.store.readDoc<{ ids: string[] }>('handoff-open', { ids: [] })).ids).toEqual([]);
  });

  it('tells those who got it to stop sharing when the comunicado is withdrawn', async () => {
    const b = await bot();
    const c = await submitAndApprove(b.app, TEXT);
    await b.app.services.comunicados.withdraw(c.id, 'dato equivocado', { platform: 'slack', userId: 'UJEFE', name: 'Jefe' });
    await b.app.idle();
    const notices = inbox.dms.filter((d) => d.message.text.startsWith('🛑'));
    expect(notices.map((d) => d.userId).sort()).toEqual(['UANA', 'ULUIS', 'UMARTA']);
    await b.app.handle(action('ULUIS', `${c.id}|luis-rojas`));
    expect(inbox.posts.at(-1)?.message.text).toBe(`El comunicado ${c.id} fue retirado: ya no hace falta compartirlo.`);
    // No reminder for a withdrawn comunicado.
    clock.advance(3 * 3_600_000);
    await handoffOf(b).handoff.sweep();
    await b.app.idle();
    expect(inbox.dms.filter((d) => d.message.text.startsWith('⏰'))).toHaveLength(0);
  });

  it('sends no hand-off when nothing reached the portal', async () => {
    const b = await bot();
    const c = await submitAndApprove(b.app, `${TEXT}\ndestinos: facebook`);
    expect(c.state).toBe('published');
    expect(inbox.dms).toHaveLength(0);
    expect(await readHandoff(b.store, c.id)).toBeNull();
  });
});
