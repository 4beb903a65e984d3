import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { schedulerExtension } from '../../../src/schedule/scheduler.ts';
import { JEFE, startBot, submitAndApprove, tempDir, testConfig, virtualClock, type Bot } from '../../fakes/handoff/app.ts';
import { fakePortalPublishers, newPortal, type PortalState } from '../../fakes/handoff/portal.ts';
import { RecordingChat, newInbox, type Inbox } from '../../fakes/handoff/recording-chat.ts';

const TEXT = [
  'Inscripciones abiertas para el Festival Folclórico',
  '',
  'Hasta el 5 de marzo.',
  'destinos: portal, portal:slider_principal, portal:popup',
  'vigencia: 2026-03-05',
].join('\n');

function schedulerOf(b: Bot) {
  return b.app.extensions.find((e) => e.name === 'scheduler') as ReturnType<typeof schedulerExtension>;
}

describe('vigencia take-down', () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  let inbox: Inbox;
  let portal: PortalState;
  let b: Bot;
  const clock = virtualClock('2026-03-03T15:00:00Z');

  beforeEach(async () => {
    dir = await tempDir('vigencia-');
    inbox = newInbox();
    portal = newPortal();
    clock.set('2026-03-03T15:00:00Z');
  });
  afterEach(async () => {
    await b.stop();
    await dir.cleanup();
  });

  async function tickAt(iso: string): Promise<void> {
    clock.set(iso);
    await schedulerOf(b).tick();
    await b.app.idle();
  }

  it('takes the slider and the pop-up down at the end of the last day (Bogotá), leaves the noticia, once', async () => {
    b = await startBot({ dataDir: dir.dir, config: testConfig(), chats: [new RecordingChat({ inbox, now: clock.ms })], clock, publishers: fakePortalPublishers(portal, clock.ms) });
    const c = await submitAndApprove(b.app, TEXT);
    expect(Object.keys(c.deliveries).sort()).toEqual(['portal:noticia', 'portal:popup', 'portal:slider_principal']);

    await tickAt('2026-03-06T04:59:00Z'); // 23:59 on the 5th in Ibagué
    expect(portal.takeDowns).toHaveLength(0);
    await tickAt('2026-03-06T05:00:05Z'); // 00:00:05 on the 6th
    expect(portal.takeDowns.map((x) => x.destination).sort()).toEqual(['portal:popup', 'portal:slider_principal']);
    expect(portal.items.get(`slider_principal-${c.id}`)?.status).toBe('draft');
    expect(portal.items.get(`noticia-${c.id}`)?.status).toBe('publish');

    const after = (await b.store.get(c.id))!;
    expect(after.deliveries['portal:slider_principal']!.takenDownAt).toBe('2026-03-06T05:00:05.000Z');
    expect(after.deliveries['portal:popup']!.takenDownAt).toBe('2026-03-06T05:00:05.000Z');
    expect(after.deliveries['portal:noticia']!.takenDownAt).toBeUndefined();
    expect(after.deliveries['portal:popup']!.meta?.takeDown).toMatchObject({ outcome: 'draft', attempts: 1 });
    expect(after.audit.filter((a) => a.action === 'vigencia_takedown').map((a) => a.detail).sort()).toEqual([
      `portal:popup: draft — pasó a borrador (popup-${c.id})`,
      `portal:slider_principal: draft — pasó a borrador (slider_principal-${c.id})`,
    ]);
    const notes = inbox.posts.filter((p) => p.message.text.startsWith('📅'));
    expect(notes.map((n) => n.message.text).sort()).toEqual([
      `📅 Terminó la vigencia de ${c.id} (5 de marzo de 2026). Portal · pop-up: pasó a borrador (popup-${c.id})`,
      `📅 Terminó la vigencia de ${c.id} (5 de marzo de 2026). Portal · slider principal: pasó a borrador (slider_principal-${c.id})`,
    ]);
    expect(notes[0]!.target.threadId).toBeDefined();

    // Later ticks, and a restart, do not take anything down again.
    await tickAt('2026-03-06T06:00:00Z');
    await b.stop();
    b = await startBot({ dataDir: dir.dir, config: testConfig(), chats: [new RecordingChat({ inbox, now: clock.ms })], clock, publishers: fakePortalPublishers(portal, clock.ms) });
    await tickAt('2026-03-07T06:00:00Z');
    expect(portal.takeDowns).toHaveLength(2);
  });

  it('retries a failing take-down every 30 minutes and says so once in the thread', async () => {
    b = await startBot({ dataDir: dir.dir, config: testConfig(), chats: [new RecordingChat({ inbox, now: clock.ms })], clock, publishers: fakePortalPublishers(portal, clock.ms) });
    const c = await submitAndApprove(b.app, TEXT.replace(', portal:popup', ''));
    portal.failTakeDown = new Error('El portal no responde (ECONNREFUSED).');
    await tickAt('2026-03-06T05:00:00Z');
    await tickAt('2026-03-06T05:10:00Z');
    expect(portal.takeDowns).toHaveLength(1);
    let d = (await b.store.get(c.id))!.deliveries['portal:slider_principal']!;
    expect(d.takenDownAt).toBeUndefined();
    expect(d.meta?.takeDown).toMatchObject({ attempts: 1, error: 'El portal no responde (ECONNREFUSED).' });
    expect(inbox.posts.filter((p) => p.message.text.startsWith('⚠️ No se pudo retirar'))).toHaveLength(1);

    portal.failTakeDown = undefined;
    await tickAt('2026-03-06T05:31:00Z');
    expect(portal.takeDowns).toHaveLength(2);
    d = (await b.store.get(c.id))!.deliveries['portal:slider_principal']!;
    expect(d.takenDownAt).toBe('2026-03-06T05:31:00.000Z');
    expect(d.meta?.takeDown).toMatchObject({ attempts: 2, outcome: 'draft' });
  });

  it('/estado and the digest show a placement taken down as «retirado (fin de vigencia)», without its dead link', async () => {
    clock.set('2026-03-05T15:00:00Z');
    b = await startBot({ dataDir: dir.dir, config: testConfig(), chats: [new RecordingChat({ inbox, now: clock.ms })], clock, publishers: fakePortalPublishers(portal, clock.ms) });
    const c = await submitAndApprove(b.app, TEXT.replace(', portal:popup', ''));
    const sliderUrl = c.deliveries['portal:slider_principal']!.url!;
    const noticiaUrl = c.deliveries['portal:noticia']!.url!;
    expect(sliderUrl).toMatch(/^https:/);
    await tickAt('2026-03-06T05:00:05Z');
    expect(portal.takeDowns).toHaveLength(1);

    clock.set('2026-03-06T12:00:00Z');
    const origin = { platform: 'slack' as const, channel: 'CCOM', messageId: 'M9' };
    const before = inbox.posts.length;
    await b.app.handle({ type: 'command', name: 'estado', text: c.id, files: [], eventKey: 'e-estado', actor: JEFE, origin });
    await b.app.handle({ type: 'command', name: 'digest', text: '', files: [], eventKey: 'e-digest', actor: JEFE, origin: { ...origin, messageId: 'M10' } });
    await b.app.idle();
    const answers = inbox.posts.slice(before);
    // The delivery lines (the history below them keeps the audit as it happened).
    const estado = answers.find((p) => p.message.text.includes(`«${c.content.title}»`) && p.message.text.includes('Portal · slider principal'))!.message.sections![0]!.body!;
    expect(estado).toContain('Portal · slider principal: 📅 retirado (fin de vigencia)');
    expect(estado).not.toContain(sliderUrl);
    expect(estado).toContain(`Portal · noticia: ✅ publicado ${noticiaUrl}`);
    const digest = answers.find((p) => p.message.text.startsWith('📋'))!.message;
    const text = [digest.text, ...(digest.sections ?? []).map((s) => `${s.heading ?? ''}\n${s.body ?? ''}`)].join('\n');
    expect(text).toContain('Portal · slider principal: 📅 retirado (fin de vigencia)');
    expect(text).toContain(noticiaUrl);
    expect(text).not.toContain(sliderUrl);
  });

  it('takes a dry-run placement down in simulation (console mode)', async () => {
    b = await startBot({ dataDir: dir.dir, config: testConfig(), chats: [new RecordingChat({ inbox, now: clock.ms })], clock });
    const c = await submitAndApprove(b.app, TEXT);
    await tickAt('2026-03-06T05:00:00Z');
    const after = (await b.store.get(c.id))!;
    expect(after.deliveries['portal:slider_principal']!.takenDownAt).toBe('2026-03-06T05:00:00.000Z');
    expect(after.deliveries['portal:slider_principal']!.meta?.takeDown).toMatchObject({ outcome: 'removed', detail: 'simulación: se daría de baja del portal' });
    expect(after.deliveries['portal:noticia']!.takenDownAt).toBeUndefined();
  });
});
