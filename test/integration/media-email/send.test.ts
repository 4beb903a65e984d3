import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordDoc, type SendRecord } from '../../../src/media-email/record.ts';
import { SmtpFake } from '../../fakes/smtp/smtp-fake.ts';
import { closeMediaWorld, FORM, pdfFile, photoFile, PRESS_EMAIL, startMediaWorld, submitAndApprove, type MediaApp } from './helpers.ts';

const CONTACTS = [
  { name: 'María Pérez', outlet: 'El Nuevo Día', email: 'maria.perez@elnuevodia.com.co', segment: 'prensa' },
  { name: 'Juan Gómez', outlet: 'Ecos del Combeima', email: 'juan@ecosdelcombeima.com', segment: 'radio' },
  { name: 'Luisa Díaz', outlet: 'Tolima TV', email: 'luisa@tolimatv.co', segment: 'tv' },
  { name: 'Carlos Ruiz', outlet: 'Ibagué al Día', email: 'carlos@ibaguealdia.co', segment: 'digital' },
  { name: 'Sara Mora', outlet: 'Blog de la 15', email: 'sara@blogdela15.co', segment: 'blogger' },
];

describe('media email over a real SMTP server', () => {
  let smtp: SmtpFake;
  let data: { dir: string; cleanup: () => Promise<void> };
  let m: MediaApp;

  beforeEach(async () => {
    ({ smtp, data, m } = await startMediaWorld(CONTACTS));
  });

  afterEach(() => closeMediaWorld({ smtp, data, m }));

  it('sends one message per person, each with only their own address, with HTML and plain-text parts', async () => {
    const id = await submitAndApprove(m, `${FORM}\ndestinos: portal, correo`);

    expect(smtp.received).toHaveLength(CONTACTS.length);
    for (const contact of CONTACTS) {
      const mine = smtp.to(contact.email);
      expect(mine).toHaveLength(1);
      const { parsed, envelope, raw } = mine[0]!;
      // Only this person in the envelope and the headers; nobody else's address anywhere.
      expect(envelope.to).toEqual([contact.email]);
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : []).toEqual([contact.email]);
      expect(parsed.cc).toBeUndefined();
      expect(parsed.bcc).toBeUndefined();
      for (const other of CONTACTS.filter((c) => c !== contact)) expect(raw.toString('latin1')).not.toContain(other.email);

      expect(parsed.from?.value[0]?.address).toBe('comunicados@ibague.gov.co');
      expect(parsed.replyTo?.value[0]?.address).toBe(PRESS_EMAIL);
      expect(parsed.subject).toBe('Alcaldía entrega 120 nuevas luminarias LED en el barrio Jordán');
      expect(parsed.messageId).toMatch(/^<c-2026-\d{4}\.[0-9a-f]{20}@ibague\.gov\.co>$/);

      // Accessible HTML: language, one h1 with the title, the lead, paragraphs, the portal link.
      const html = String(parsed.html);
      expect(html).toContain('<html lang="es-CO">');
      expect(html.match(/<h1[^>]*>/g)).toHaveLength(1);
      expect(html).toMatch(/<h1[^>]*>Alcaldía entrega 120 nuevas luminarias LED en el barrio Jordán<\/h1>/);
      expect(html).toContain('<p><strong>La Secretaría de Infraestructura instaló 120 luminarias LED');
      expect(html).toContain('Las obras se terminaron en seis semanas.<br>\nLa inversión fue de 850 millones de pesos.');
      expect(html).not.toContain('<img');
      // Plain-text alternative with the same content.
      const text = parsed.text ?? '';
      expect(text).toContain('Alcaldía entrega 120 nuevas luminarias LED en el barrio Jordán');
      expect(text).toContain('La Secretaría de Infraestructura instaló 120 luminarias LED');
      expect(text).toContain(`Contacto de prensa: Prensa Alcaldía de Ibagué · ${PRESS_EMAIL}`);
      expect(text).toContain(`Recibe este correo porque ${contact.outlet} está en la lista de medios`);
    }

    // The portal went first, so every message links the noticia.
    const c = (await m.store.get(id))!;
    const portalUrl = c.deliveries['portal:noticia']!.url!;
    expect(portalUrl).toBeTruthy();
    for (const mail of smtp.received) {
      expect(String(mail.parsed.html)).toContain(`href="${portalUrl}"`);
      expect(mail.parsed.text).toContain(portalUrl);
    }

    // Delivery result: counts on the delivery, a Spanish summary in the thread.
    const d = c.deliveries['email:todos']!;
    expect(d.state).toBe('done');
    expect(d.dryRun).toBe(false);
    expect(d.meta?.email).toMatchObject({ total: 5, accepted: 5, deferred: 0, refused: 0 });
    expect(m.chat.texts().some((t) => t.includes('Correo · todos los medios: ✅ publicado — 5 aceptados · 0 diferidos · 0 rechazados'))).toBe(true);
    const record = await m.store.readDoc<SendRecord>(recordDoc(id), { comunicado: id, planned: {}, recipients: {} });
    expect(Object.values(record.recipients).map((r) => r.state)).toEqual(Array(5).fill('accepted'));
    expect(c.state).toBe('published');
  });

  it('attaches the photos downsized to JPEG and the documents as they are', async () => {
    const files = join(data.dir, 'in');
    const big = await photoFile(files, 'luminarias.png', 3000, 2000, 'Luminarias LED encendidas en una calle del barrio Jordán');
    const small = await photoFile(files, 'recorrido.png', 800, 600, 'El alcalde conversa con vecinos del barrio');
    const pdf = await pdfFile(files, 'informe-obra.pdf');
    await submitAndApprove(m, `${FORM}\ndestinos: correo:prensa`, [big, small, pdf.file]);

    expect(smtp.received).toHaveLength(1);
    const { parsed } = smtp.received[0]!;
    const byName = new Map(parsed.attachments.map((a) => [a.filename, a]));
    expect([...byName.keys()].sort()).toEqual(['informe-obra.pdf', 'luminarias.jpg', 'recorrido.jpg']);

    const photo = byName.get('luminarias.jpg')!;
    expect(photo.contentType).toBe('image/jpeg');
    const meta = await sharp(photo.content).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width!, meta.height!)).toBe(1600);
    expect(meta.width! / meta.height!).toBeCloseTo(1.5, 2);
    const small2 = await sharp(byName.get('recorrido.jpg')!.content).metadata();
    expect([small2.width, small2.height]).toEqual([800, 600]); // never enlarged

    const doc = byName.get('informe-obra.pdf')!;
    expect(doc.contentType).toBe('application/pdf');
    expect(doc.content.equals(pdf.bytes)).toBe(true);

    // The body describes each photo with its alt text (the attachment alone says nothing to a screen reader).
    expect(String(parsed.html)).toContain('<li><strong>luminarias.jpg</strong>: Luminarias LED encendidas en una calle del barrio Jordán</li>');
    expect(parsed.text).toContain('- recorrido.jpg: El alcalde conversa con vecinos del barrio');
    expect(parsed.text).toContain('- informe-obra.pdf (adjunto)');
  });

  it('sends to one segment only, and a person in two chosen destinations gets one message', async () => {
    const id = await submitAndApprove(m, `${FORM}\ndestinos: correo:radio, correo`);
    expect(smtp.received).toHaveLength(CONTACTS.length);
    expect(smtp.to('juan@ecosdelcombeima.com')).toHaveLength(1);
    const c = (await m.store.get(id))!;
    const radio = c.deliveries['email:radio']!.meta?.email as { total: number };
    const todos = c.deliveries['email:todos']!.meta?.email as { total: number };
    expect(radio.total + todos.total).toBe(CONTACTS.length);
  });

  it('refuses to send to an empty segment, saying what to do', async () => {
    const id = await submitAndApprove(m, `${FORM}\ndestinos: correo:prensa`);
    expect(smtp.received).toHaveLength(1);
    await m.media.directory.unsubscribe('maria.perez@elnuevodia.com.co', 'chat', 'test');
    const id2 = await submitAndApprove(m, `${FORM}\ndestinos: correo:prensa`);
    expect(id2).not.toBe(id);
    const d = (await m.store.get(id2))!.deliveries['email:prensa']!;
    expect(d.state).toBe('failed');
    expect(d.error?.message).toContain('No hay contactos activos en el segmento prensa');
    expect(smtp.received).toHaveLength(1);
  });
});
