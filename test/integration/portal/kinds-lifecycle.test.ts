import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Comunicado, Delivery } from '../../../src/domain/comunicado.ts';
import type { PublishContext, Publisher } from '../../../src/publish/port.ts';
import type { schedulerExtension } from '../../../src/schedule/scheduler.ts';
import { JEFE, startBot, tempDir, testConfig, virtualClock, type Bot } from '../../fakes/handoff/app.ts';
import { FakePortalPublisher, fakePortalPublishers, newPortal, type PortalState } from '../../fakes/handoff/portal.ts';
import { RecordingChat, newInbox, type Inbox } from '../../fakes/handoff/recording-chat.ts';

/**
 * Issue 16 through the real app (createApp, the scheduler on an injected clock) over the
 * in-memory portal: a convocatoria's placements until its deadline, the reminder that goes
 * to approval, the noticia marked closed, the digest's open convocatorias, and one pop-up
 * at a time recorded on both comunicados.
 */

/** The in-memory portal's noticia, which also records «Convocatoria cerrada el …» updates. */
class ClosingNoticia extends FakePortalPublisher {
  readonly closed: Array<{ id: string; line: string }> = [];
  async markClosed(c: Comunicado, d: Delivery, _ctx: PublishContext, line: string): Promise<{ detail: string }> {
    this.closed.push({ id: d.remoteId!, line });
    return { detail: `la noticia ${d.remoteId} dice ahora que cerró` };
  }
}

const CONVOCATORIA = [
  'Convocatoria de becas universitarias 2027',
  '',
  'La Alcaldía abre 200 becas para bachilleres de Ibagué. Hay plazo hasta el 15 de marzo.',
  '',
  'Requisitos: ser bachiller de un colegio público.',
  'tipo: convocatoria',
  'cierre: 2026-03-15 17:00',
  'inscripciones: https://www.ibague.gov.co/becas',
  'destinos: portal, slider, facebook, x, instagram',
].join('\n');

function popupText(title: string): string {
  return [title, '', `${title}: información para la ciudadanía.`, 'tipo: aviso', 'destinos: popup', 'enlace: https://ibague.gov.co/avisos'].join('\n');
}

describe('kinds of submission through the app', () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  let inbox: Inbox;
  let portal: PortalState;
  let noticia: ClosingNoticia;
  let b: Bot;
  const clock = virtualClock('2026-03-02T15:00:00Z');
  const author = { platform: 'slack' as const, userId: 'UREDACTORA', name: 'Redactora' };
  const origin = (messageId: string) => ({ platform: 'slack' as const, channel: 'CCOM', messageId });

  beforeEach(async () => {
    dir = await tempDir('kinds-');
    inbox = newInbox();
    portal = newPortal();
    clock.set('2026-03-02T15:00:00Z');
    noticia = new ClosingNoticia('portal:noticia', portal, clock.ms);
    const publishers: Publisher[] = [noticia, ...fakePortalPublishers(portal, clock.ms).filter((p) => p.destination !== 'portal:noticia')];
    b = await startBot({
      dataDir: dir.dir,
      config: testConfig({ portal: { allowedLinkDomains: ['ibague.gov.co'] }, convocatorias: { reminderDaysBefore: 3 } }),
      chats: [new RecordingChat({ inbox, now: clock.ms })],
      clock,
      publishers,
    });
  });
  afterEach(async () => {
    await b.stop();
    await dir.cleanup();
  });

  const scheduler = () => b.app.extensions.find((e) => e.name === 'scheduler') as ReturnType<typeof schedulerExtension>;
  async function tickAt(iso: string): Promise<void> {
    clock.set(iso);
    await scheduler().tick();
    await b.app.idle();
  }
  async function submit(text: string, messageId: string): Promise<Comunicado> {
    return b.app.services.comunicados.submit({ text, files: [], actor: author, origin: origin(messageId) });
  }
  async function approve(id: string): Promise<Comunicado> {
    await b.app.services.comunicados.apply(id, { type: 'approve' }, JEFE);
    await b.app.idle();
    return (await b.store.get(id))!;
  }
  const said = (start: string) => inbox.posts.filter((p) => p.message.text.startsWith(start)).map((p) => p.message.text);

  it('a convocatoria: preview names kind and deadline; reminder to approval 3 days before; slider down at cierre; noticia closed; digest counts the days', async () => {
    const draft = await submit(CONVOCATORIA, 'M1');
    expect(draft.content).toMatchObject({ kind: 'convocatoria', closesAt: '2026-03-15T22:00:00Z', registrationUrl: 'https://www.ibague.gov.co/becas' });
    const preview = inbox.posts.find((p) => p.message.text.includes('Convocatoria de becas universitarias 2027') && p.message.buttons?.length)!.message;
    const facts = preview.sections!.map((s) => s.body ?? '').join('\n');
    expect(facts).toContain('🏷️ Tipo: Convocatoria');
    expect(facts).toContain('⏳ Cierre de la convocatoria: 15 de marzo de 2026, 17:00');
    expect(facts).toContain('📝 Inscripciones: https://www.ibague.gov.co/becas');
    expect(facts).toContain('🔗 El slider, el banner y el pop-up llevan a: la noticia de este comunicado');

    const c = await approve(draft.id);
    expect(c.state).toBe('published'); // the social accounts are dry runs here
    expect(c.deliveries['portal:slider_principal']!.state).toBe('done');

    // The digest lists it with the days left (13 on the 2nd).
    await b.app.handle({ type: 'command', name: 'digest', text: '', files: [], eventKey: 'd1', actor: JEFE, origin: origin('M2') });
    await b.app.idle();
    const digest = inbox.posts.filter((p) => p.message.text.includes('Convocatorias abiertas')).at(-1)!.message.text;
    expect(digest).toContain(`• ${c.id} «Convocatoria de becas universitarias 2027» — cierra el 15 de marzo de 2026, 17:00: quedan 13 días`);

    // Four days before: nothing yet. Three days before (the 12th at 17:00): the reminder, to approval.
    await tickAt('2026-03-11T22:00:00Z');
    expect((await b.store.list()).length).toBe(1);
    await tickAt('2026-03-12T22:00:01Z');
    const all = await b.store.list();
    expect(all.length).toBe(2);
    const reminder = (await b.store.get(all.find((s) => s.id !== c.id)!.id))!;
    expect(reminder.state).toBe('pending_approval');
    expect(reminder.content.title).toBe('Últimos días para Convocatoria de becas universitarias 2027');
    expect(reminder.content.lead).toContain('cierra el 15 de marzo de 2026, 17:00');
    expect(reminder.content.body).toBe('Inscripciones e información: https://www.ibague.gov.co/becas');
    expect(reminder.content.destinations).toEqual(['facebook:alcaldia', 'x:alcaldia']);
    expect(reminder.deliveries).toEqual({}); // nothing goes out without the Jefe
    expect(said('⏳ Quedan 3 día(s) para el cierre')).toEqual([
      `⏳ Quedan 3 día(s) para el cierre de ${c.id}: preparé el recordatorio ${reminder.id} («Últimos días para …»). Sale solo si el Jefe lo aprueba.`,
    ]);
    await tickAt('2026-03-13T10:00:00Z');
    expect((await b.store.list()).length).toBe(2); // once

    // Up until cierre, down right after it; the noticia stays and is marked closed.
    await tickAt('2026-03-15T21:59:00Z');
    expect(portal.takeDowns).toHaveLength(0);
    expect(noticia.closed).toHaveLength(0);
    await tickAt('2026-03-15T22:00:30Z');
    expect(portal.takeDowns.map((x) => x.destination)).toEqual(['portal:slider_principal']);
    expect(portal.items.get(`slider_principal-${c.id}`)?.status).toBe('draft');
    expect(portal.items.get(`noticia-${c.id}`)?.status).toBe('publish');
    expect(noticia.closed).toEqual([{ id: `noticia-${c.id}`, line: 'Convocatoria cerrada el 15 de marzo de 2026, 17:00.' }]);
    const after = (await b.store.get(c.id))!;
    expect(after.deliveries['portal:slider_principal']!.takenDownAt).toBe('2026-03-15T22:00:30.000Z');
    expect(after.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['convocatoria_reminder', 'convocatoria_reminder_ready', 'vigencia_takedown', 'convocatoria_closed']));
    expect(said('🔒')).toEqual([
      `🔒 Cerró la convocatoria ${c.id} (15 de marzo de 2026, 17:00). Portal · slider principal: pasó a borrador (slider_principal-${c.id})`,
      `🔒 La convocatoria ${c.id} cerró el 15 de marzo de 2026, 17:00: la noticia noticia-${c.id} dice ahora que cerró.`,
    ]);
    await tickAt('2026-03-16T10:00:00Z');
    expect(noticia.closed).toHaveLength(1);

    // Closed: no longer in the digest's open convocatorias; /estado names kind and deadline.
    await b.app.handle({ type: 'command', name: 'digest', text: '', files: [], eventKey: 'd2', actor: JEFE, origin: origin('M3') });
    await b.app.handle({ type: 'command', name: 'estado', text: c.id, files: [], eventKey: 'e1', actor: JEFE, origin: origin('M4') });
    await b.app.idle();
    expect(inbox.posts.some((p) => p.message.text.includes('Convocatorias abiertas') && p.at > Date.parse('2026-03-16T00:00:00Z'))).toBe(false);
    const estado = inbox.posts.find((p) => p.message.text.includes('Tipo: Convocatoria'))!.message.text;
    expect(estado).toContain('Cierre de la convocatoria: 15 de marzo de 2026, 17:00');
  });

  it('one pop-up at a time: the preview says which one it replaces; publishing takes the old one down, recorded on both', async () => {
    const first = await approve((await submit(popupText('Corte de agua en la comuna 5'), 'P1')).id);
    expect(first.deliveries['portal:popup']!.state).toBe('done');
    expect(first.deliveries['portal:popup']!.takenDownAt).toBeUndefined();

    const second = await submit(popupText('Cierre de la avenida Ambalá'), 'P2');
    const preview = inbox.posts.filter((p) => p.message.buttons?.length).at(-1)!.message;
    expect(preview.sections!.map((s) => s.body ?? '').join('\n')).toContain(
      `⚠️ 🔁 El portal muestra un pop-up a la vez: al publicarse, este reemplaza al de ${first.id} «Corte de agua en la comuna 5», que se quitará.`,
    );
    expect(portal.takeDowns).toHaveLength(0); // nothing happens before approval

    const published = await approve(second.id);
    expect(published.deliveries['portal:popup']!.state).toBe('done');
    expect(portal.takeDowns).toEqual([{ destination: 'portal:popup', comunicado: first.id, at: clock.ms() }]);
    expect(portal.items.get(`popup-${first.id}`)?.status).toBe('draft');
    expect(portal.items.get(`popup-${second.id}`)?.status).toBe('publish');

    const old = (await b.store.get(first.id))!;
    expect(old.deliveries['portal:popup']!.takenDownAt).toBeDefined();
    expect(old.deliveries['portal:popup']!.meta?.takeDown).toMatchObject({ outcome: 'draft', replacedBy: second.id });
    expect(old.audit.find((a) => a.action === 'popup_replaced')?.detail).toContain(`reemplazado por el pop-up de ${second.id}`);
    const now = (await b.store.get(second.id))!;
    expect(now.audit.find((a) => a.action === 'popup_replaces')?.detail).toBe(`portal:popup: quitó el pop-up de ${first.id}`);
    expect(said('🔁')).toEqual([
      `🔁 El pop-up de ${first.id} se quitó del portal: lo reemplaza el de ${second.id} «Cierre de la avenida Ambalá». pasó a borrador (popup-${first.id})`,
      `🔁 El pop-up de ${second.id} reemplazó al de ${first.id} «Corte de agua en la comuna 5», que se quitó del portal.`,
    ]);

    // /estado of the old one says why its pop-up is gone; the vigencia pass leaves it alone.
    await b.app.handle({ type: 'command', name: 'estado', text: first.id, files: [], eventKey: 'e2', actor: JEFE, origin: origin('P3') });
    await b.app.idle();
    const estado = inbox.posts.filter((p) => p.message.text.includes(`«Corte de agua en la comuna 5»`)).at(-1)!.message.text;
    expect(estado).toContain(`Portal · pop-up: 🔁 quitado (lo reemplazó el pop-up de ${second.id})`);
    expect(estado).toContain('Tipo: Aviso');
    await tickAt('2026-03-03T06:00:00Z');
    expect(portal.takeDowns).toHaveLength(1);
  });

  it('an edit keeps the kind, deadline and links it does not name, and checks the whole', async () => {
    const draft = await submit(CONVOCATORIA, 'E1');
    const edit = (text: string, messageId: string) => b.app.services.comunicados.edit(draft.id, { text, files: [], actor: author, origin: origin(messageId) });
    const moved = await edit('cierre: 2026-03-20 12:00', 'E2');
    expect(moved.content).toMatchObject({ kind: 'convocatoria', closesAt: '2026-03-20T17:00:00Z', registrationUrl: 'https://www.ibague.gov.co/becas', title: 'Convocatoria de becas universitarias 2027' });
    // A convocatoria cannot lose its deadline, nor become a comunicado with one.
    await expect(edit('cierre:', 'E3')).rejects.toMatchObject({ said: [{ key: 'form.cierre_missing' }] });
    await expect(edit('tipo: comunicado', 'E4')).rejects.toMatchObject({ said: [{ key: 'form.cierre_not_convocatoria' }] });
    await expect(edit('enlace: https://evil.example/x', 'E5')).rejects.toMatchObject({ said: [{ key: 'form.link_domain' }] });
    const pointed = await edit('enlace: https://ibague.gov.co/becas/bases', 'E6');
    expect(pointed.content).toMatchObject({ linkTarget: 'https://ibague.gov.co/becas/bases', closesAt: '2026-03-20T17:00:00Z' });
    expect((await b.store.get(draft.id))!.version).toBe(3);
  });

  it('a link on a domain the config does not allow is refused at submission, naming it, before any id is taken', async () => {
    const text = popupText('Aviso con enlace ajeno').replace('https://ibague.gov.co/avisos', 'https://ibague-gov.co.example/login');
    await expect(submit(text, 'X1')).rejects.toMatchObject({ code: 'invalid_input' });
    await b.app.handle({ type: 'command', name: 'comunicado', text, files: [], eventKey: 'x2', actor: author, origin: origin('X2') });
    await b.app.idle();
    expect(inbox.posts.at(-1)!.message.text).toContain('apunta al dominio «ibague-gov.co.example», que no está entre los permitidos (ibague.gov.co)');
    expect(await b.store.list()).toEqual([]);
    expect(portal.publishes).toEqual([]);
  });
});
