import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { digestExtension } from '../../../src/digest/extension.ts';
import type { AccessReport, Publisher } from '../../../src/publish/port.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { startBot, tempDir, testConfig, virtualClock, type Bot } from '../../fakes/handoff/app.ts';
import { fakePortalPublishers, newPortal } from '../../fakes/handoff/portal.ts';
import { RecordingChat, newInbox, type Inbox } from '../../fakes/handoff/recording-chat.ts';
import { handoffRecord, seedAll, seeded } from '../../fakes/handoff/seed.ts';

/** A real-account publisher whose access check reports an expiring token. */
function expiringAccount(expiresAt: string): Publisher {
  return {
    destination: 'facebook:alcaldia',
    dryRun: false,
    publish: async () => ({ remoteId: '1', url: 'https://facebook.example.test/1' }),
    checkAccess: async (): Promise<AccessReport> => ({ destination: 'facebook:alcaldia', ok: true, detail: 'puede publicar', expiresAt }),
  };
}

describe('digest content from a seeded store', () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  let inbox: Inbox;
  let bot: Bot;
  // Wednesday 4 March 2026, 07:00 in Ibagué (12:00 UTC).
  const clock = virtualClock('2026-03-04T12:00:00Z');

  beforeEach(async () => {
    dir = await tempDir('digest-');
    inbox = newInbox();
    const store = new MemoryStore(clock.now);
    await seedAll(store, [
      seeded('C-2026-0001', 'published', {
        createdAt: '2026-03-03T13:00:00Z',
        content: { title: 'Luminarias en el Jordán' },
        deliveries: [
          { destination: 'portal:noticia', state: 'done', url: 'https://portal.example.test/noticia/c-2026-0001', finishedAt: '2026-03-03T15:00:00Z' },
          { destination: 'facebook:alcaldia', state: 'done', url: 'https://facebook.example.test/p/1', finishedAt: '2026-03-03T15:01:00Z' },
        ],
        extra: { publishedAt: '2026-03-03T15:01:00Z', updatedAt: '2026-03-03T15:01:00Z' },
      }),
      seeded('C-2026-0002', 'pending_approval', { createdAt: '2026-03-04T09:00:00Z', content: { title: 'Jornada de vacunación' } }),
      seeded('C-2026-0003', 'partially_published', {
        createdAt: '2026-03-03T20:00:00Z',
        content: { title: 'Cierre vial en la calle 60' },
        deliveries: [
          { destination: 'portal:noticia', state: 'done', url: 'https://portal.example.test/noticia/c-2026-0003', finishedAt: '2026-03-03T21:00:00Z' },
          { destination: 'x:alcaldia', state: 'failed', error: { code: 'auth_expired', message: 'Reconecte la cuenta de X: el token venció.' } },
          { destination: 'instagram:alcaldia', state: 'unknown', error: { code: 'interrupted', message: 'El bot se reinició durante la publicación.' } },
        ],
      }),
      seeded('C-2026-0004', 'scheduled', { createdAt: '2026-03-03T22:00:00Z', content: { title: 'Feria del libro' }, extra: { scheduledFor: '2026-03-04T20:00:00Z' } }),
      seeded('C-2026-0005', 'scheduled', { createdAt: '2026-03-03T22:00:00Z', content: { title: 'Concierto de mañana' }, extra: { scheduledFor: '2026-03-05T20:00:00Z' } }),
      seeded('C-2026-0006', 'published', {
        createdAt: '2026-02-20T13:00:00Z',
        content: { title: 'Banner de impuestos', vigenciaHasta: '2026-03-04' },
        deliveries: [
          { destination: 'portal:noticia', state: 'done', url: 'https://portal.example.test/noticia/c-2026-0006', finishedAt: '2026-02-20T14:00:00Z' },
          { destination: 'portal:banner_aviso', state: 'done', url: 'https://portal.example.test/banner/c-2026-0006', finishedAt: '2026-02-20T14:00:00Z' },
        ],
        extra: { publishedAt: '2026-02-20T14:00:00Z' },
      }),
      seeded('C-2026-0007', 'published', {
        createdAt: '2026-02-21T13:00:00Z',
        content: { title: 'Slider del festival', vigenciaHasta: '2026-03-05' },
        deliveries: [{ destination: 'portal:slider_principal', state: 'done', url: 'https://portal.example.test/slider/c-2026-0007', finishedAt: '2026-02-21T14:00:00Z' }],
        extra: { publishedAt: '2026-02-21T14:00:00Z' },
      }),
      seeded('C-2026-0008', 'published', {
        createdAt: '2026-02-21T13:00:00Z',
        content: { title: 'Pop-up lejano', vigenciaHasta: '2026-03-09' },
        deliveries: [{ destination: 'portal:popup', state: 'done', url: 'https://portal.example.test/popup/c-2026-0008', finishedAt: '2026-02-21T14:00:00Z' }],
        extra: { publishedAt: '2026-02-21T14:00:00Z' },
      }),
      seeded('C-2026-0009', 'rejected', {
        createdAt: '2026-03-03T13:00:00Z',
        content: { title: 'Rechazado con entrega fallida' },
        deliveries: [{ destination: 'x:alcalde', state: 'failed', error: { code: 'x', message: 'no debe salir' } }],
      }),
    ]);
    await store.updateDoc('handoff/C-2026-0001', null, () =>
      handoffRecord('C-2026-0001', 'Luminarias en el Jordán', '2026-03-03T15:02:00Z', [
        { name: 'Ana María Pérez', slug: 'ana', state: 'sent', confirmed: true },
        { name: 'Luis Rojas', slug: 'luis', state: 'sent' },
        { name: 'Marta Gómez', slug: 'marta', state: 'failed' },
      ]),
    );
    await store.updateDoc<Record<string, { ok: boolean; at: string; message?: string }>>('account-health', {}, () => ({
      'youtube:alcalde': { ok: false, at: '2026-03-03T18:00:00Z', message: 'Google revocó el acceso: vuelva a autorizar la cuenta.' },
      'x:alcaldia': { ok: true, at: '2026-03-02T18:00:00Z' },
    }));
    await store.updateDoc<Record<string, string>>('digest', {}, () => ({ lastSlot: '2026-03-03', lastSentAt: '2026-03-03T12:00:00Z' }));
    bot = await startBot({
      dataDir: dir.dir,
      store,
      config: testConfig(),
      chats: [new RecordingChat({ inbox, now: clock.ms })],
      clock,
      publishers: [...fakePortalPublishers(newPortal()), expiringAccount('2026-03-09T12:00:00Z')],
      start: false,
    });
  });
  afterEach(async () => {
    await bot.stop();
    await dir.cleanup();
  });

  it('lists each kind of news in its section, and only what belongs there', async () => {
    const ext = bot.app.extensions.find((e) => e.name === 'digest') as ReturnType<typeof digestExtension>;
    expect(await ext.runner.runDaily(ext.runner.latestSlot())).toBe(true);
    const posts = inbox.posts.filter((p) => p.target.channel === 'CDIG');
    expect(posts).toHaveLength(1);
    const text = posts[0]!.message.text;
    expect(text.split('\n\n')).toEqual([
      '☀️ Resumen de la mañana · miércoles 4 de marzo',
      [
        'Publicado desde 3 de marzo de 2026, 07:00',
        '• C-2026-0001 «Luminarias en el Jordán» — publicado',
        '    Portal · noticia: https://portal.example.test/noticia/c-2026-0001',
        '    Facebook · Alcaldía: https://facebook.example.test/p/1',
        '• C-2026-0003 «Cierre vial en la calle 60» — publicado parcialmente',
        '    Portal · noticia: https://portal.example.test/noticia/c-2026-0003',
      ].join('\n'),
      ['Esperando aprobación', '• C-2026-0002 «Jornada de vacunación» de Laura Redactora, hace 3 h'].join('\n'),
      [
        'Entregas que necesitan a una persona',
        '• C-2026-0003 X · Alcaldía: ❌ falló — Reconecte la cuenta de X: el token venció.',
        '• C-2026-0003 Instagram · Alcaldía: ❓ desconocido — El bot se reinició durante la publicación.',
        'Use /estado ID para ver el detalle y /reintentar ID para los fallidos.',
      ].join('\n'),
      ['Programado para hoy', '• 15:00 · C-2026-0004 «Feria del libro»'].join('\n'),
      [
        'Vigencias que terminan',
        '• C-2026-0006 «Banner de impuestos»: Portal · banner de avisos, hasta el final de hoy',
        '• C-2026-0007 «Slider del festival»: Portal · slider principal, hasta el final de mañana',
      ].join('\n'),
      [
        'Cuentas con problemas de acceso',
        '• YouTube · Alcalde: falló el acceso (3 de marzo de 2026, 13:00) — Google revocó el acceso: vuelva a autorizar la cuenta.',
        '• Facebook · Alcaldía: el acceso vence el 9 de marzo de 2026, 07:00. Renueve el token antes de esa fecha.',
      ].join('\n'),
      ['Difusión por WhatsApp', '• C-2026-0001 «Luminarias en el Jordán»: compartieron 1 de 3', '    Compartieron: Ana María Pérez', '    Falta: Luis Rojas', '    Sin mensaje: Marta Gómez'].join('\n'),
    ]);
    // The next digest starts where this one ended.
    expect(await bot.store.readDoc('digest', {})).toEqual({ lastSlot: '2026-03-04', lastSentAt: '2026-03-04T12:00:00.000Z' });
  });

  it('answers /digest only to the person who asked (issue 14 item 9), without moving the daily window', async () => {
    await bot.app.handle({ type: 'command', name: 'digest', text: '', files: [], eventKey: 'e1', actor: { platform: 'slack', userId: 'UJEFE' }, origin: { platform: 'slack', channel: 'CCOM', messageId: '77' } });
    const reply = inbox.posts.at(-1)!;
    expect(reply.target).toEqual({ channel: 'CCOM#only-UJEFE', threadId: '77' });
    expect(reply.message.text.startsWith('📋 Resumen a pedido · miércoles 4 de marzo')).toBe(true);
    expect(reply.message.text).toContain('• C-2026-0002 «Jornada de vacunación»');
    expect(await bot.store.readDoc('digest', {})).toEqual({ lastSlot: '2026-03-03', lastSentAt: '2026-03-03T12:00:00Z' });
    expect(inbox.uploads).toHaveLength(0);
    // `/digest semana` adds the chart.
    await bot.app.handle({ type: 'command', name: 'digest', text: 'semana', files: [], eventKey: 'e2', actor: { platform: 'slack', userId: 'UJEFE' }, origin: { platform: 'slack', channel: 'CCOM', messageId: '78' } });
    expect(inbox.uploads).toHaveLength(1);
    expect(inbox.uploads[0]!.target).toEqual({ channel: 'CCOM', threadId: '78' });
    expect(inbox.uploads[0]!.file.data.subarray(1, 4).toString()).toBe('PNG');
  });
});
