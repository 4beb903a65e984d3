import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordDoc, type SendRecord } from '../../../src/media-email/record.ts';
import { SmtpFake } from '../../fakes/smtp/smtp-fake.ts';
import { closeMediaWorld, FORM, JEFE, REDACTORA, startMediaWorld, type MediaApp } from './helpers.ts';

const CONTACTS = [
  { name: 'María Pérez', outlet: 'El Nuevo Día', email: 'maria@elnuevodia.com.co', segment: 'prensa' },
  { name: 'Juan Gómez', outlet: 'Ecos del Combeima', email: 'juan@ecosdelcombeima.com', segment: 'radio' },
];
const TITLE = 'Alcaldía entrega 120 nuevas luminarias LED en el barrio Jordán';
const WHEN = '1 de diciembre de 2026, 08:30';

describe('embargo: the media first, the public at the hour', () => {
  let smtp: SmtpFake;
  let data: { dir: string; cleanup: () => Promise<void> };
  let m: MediaApp;

  beforeEach(async () => {
    ({ smtp, data, m } = await startMediaWorld(CONTACTS));
  });

  afterEach(() => closeMediaWorld({ smtp, data, m }));

  it('emails at approval with EMBARGADO HASTA in the subject and first line; portal and networks wait for the hour', async () => {
    // Clock: 30 Nov 09:00 in Ibagué; embargo until 1 Dec 08:30 (13:30 UTC).
    const submitted = await m.app.services.comunicados.submit({
      text: `${FORM}\ndestinos: portal, facebook, correo\nprogramar: 2026-12-01 08:30`,
      files: [],
      actor: REDACTORA,
      origin: { platform: 'console', channel: 'comunicados', messageId: 'u1' },
    });
    const approved = await m.app.services.comunicados.apply(submitted.id, { type: 'approve' }, JEFE);
    expect(approved.state).toBe('scheduled');
    await m.app.idle();

    expect(smtp.received).toHaveLength(2);
    for (const { parsed } of smtp.received) {
      expect(parsed.subject).toBe(`EMBARGADO HASTA ${WHEN} — ${TITLE}`);
      const firstLine = (parsed.text ?? '').split('\n')[0];
      expect(firstLine).toBe(`EMBARGADO HASTA ${WHEN} (hora de Colombia). No publicar antes de esa hora.`);
      const html = String(parsed.html);
      const firstPara = /<div[^>]*>\s*<p[^>]*>([^<]*)<\/p>/.exec(html)?.[1];
      expect(firstPara).toBe(`EMBARGADO HASTA ${WHEN} (hora de Colombia). No publicar antes de esa hora.`);
      // Nothing public exists yet, so no portal link; the body says when it will.
      expect(html).not.toContain('href="file:');
      expect(parsed.text).toContain(`Se publicará en el portal y en las redes oficiales el ${WHEN}.`);
    }

    let c = (await m.store.get(submitted.id))!;
    expect(c.state).toBe('scheduled');
    expect(c.deliveries['email:todos']).toMatchObject({ state: 'done' });
    expect(c.deliveries['portal:noticia']?.state ?? 'pending').toBe('pending');
    expect(c.deliveries['facebook:alcaldia']?.state ?? 'pending').toBe('pending');
    const rec = await m.store.readDoc<SendRecord>(recordDoc(submitted.id), { comunicado: '', planned: {}, recipients: {} });
    expect(Object.values(rec.recipients).every((r) => r.embargoed === true && r.state === 'accepted')).toBe(true);
    expect(m.chat.texts().some((t) => t.includes('Programado') && t.includes('2 aceptados'))).toBe(true);

    // One minute before the hour: still nothing public.
    m.clock.ms = Date.parse('2026-12-01T13:29:00Z');
    await m.scheduler.tick();
    await m.app.idle();
    expect((await m.store.get(submitted.id))!.state).toBe('scheduled');

    // At the hour the scheduler publishes the portal and the networks; the media are not emailed again.
    m.clock.ms = Date.parse('2026-12-01T13:30:05Z');
    await m.scheduler.tick();
    await m.app.idle();
    c = (await m.store.get(submitted.id))!;
    expect(c.deliveries['portal:noticia']?.state).toBe('done');
    expect(c.deliveries['facebook:alcaldia']?.state).toBe('done');
    expect(c.deliveries['email:todos']?.state).toBe('done');
    expect(c.state).toBe('published');
    expect(smtp.received).toHaveLength(2);
    expect(smtp.attempts).toHaveLength(2);
  });

  it('a comunicado without embargo carries no embargo mark', async () => {
    const c = await m.app.services.comunicados.submit({ text: `${FORM}\ndestinos: correo:radio`, files: [], actor: REDACTORA, origin: { platform: 'console', channel: 'comunicados' } });
    await m.app.services.comunicados.apply(c.id, { type: 'approve' }, JEFE);
    await m.app.idle();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.parsed.subject).toBe(TITLE);
    expect(smtp.received[0]!.parsed.text).not.toContain('EMBARGADO');
  });

  it('withdrawing an embargoed comunicado before the hour cancels the media not reached yet', async () => {
    smtp.failNext('juan@ecosdelcombeima.com', { code: 451 });
    const c = await m.app.services.comunicados.submit({
      text: `${FORM}\ndestinos: portal, correo\nprogramar: 2026-12-01 08:30`,
      files: [],
      actor: REDACTORA,
      origin: { platform: 'console', channel: 'comunicados' },
    });
    await m.app.services.comunicados.apply(c.id, { type: 'approve' }, JEFE);
    await m.app.idle();
    await m.app.services.comunicados.withdraw(c.id, 'Cambio de agenda', JEFE);
    m.clock.advance(3600);
    await m.media.followUp();
    const rec = await m.store.readDoc<SendRecord>(recordDoc(c.id), { comunicado: '', planned: {}, recipients: {} });
    expect(rec.recipients['juan@ecosdelcombeima.com']).toMatchObject({ state: 'cancelled', reason: 'withdrawn' });
    expect(smtp.to('juan@ecosdelcombeima.com')).toHaveLength(0);
  });
});
